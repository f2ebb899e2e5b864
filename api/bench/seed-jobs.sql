-- Fills the jobs table with seed.jobs realistic jobs of the org seed.org_id (created with 4 workspaces and
-- 4 projects if missing), in one INSERT … SELECT over generate_series so a million rows take seconds, not the
-- hours a million API calls would. Used by api/bench/seed-jobs (which drops the jobs indexes around it) and by the
-- tests that need many jobs (JobListIndexTest, JobListStreamTest).
--   SET seed.org_id = 'org_bench'; SET seed.jobs = '1000000'; [SET seed.first = '1000001';] \i seed-jobs.sql
-- seed.first (default 1) numbers the first job, so a second run adds jobs after those of the first.
-- Mix: 6 statuses (mostly succeeded), 5 processes, 4 workspaces, 2 of 3 jobs in one of 4 projects (job types
-- follow the process), created over the past year in job number order (as a real org's rows come: job ids are
-- time-ordered and rows are appended), finished_at set for jobs that ended; each job's inputs (a scene and an
-- AOI), a title on one in five, a succeeded job's output with its metadata, a failed job's error, and billing as
-- the ledger would have left it (settled, released, or none for jobs that never held credits). No ledger rows are
-- made: queued and running jobs have billing none, so nothing expects a hold.
INSERT INTO orgs (org_id, name, created_at)
VALUES (current_setting('seed.org_id'), 'seeded', now() - interval '400 days')
ON CONFLICT (org_id) DO NOTHING;

INSERT INTO workspaces (workspace_id, org_id, name, created_at)
SELECT current_setting('seed.org_id') || '_ws' || w, current_setting('seed.org_id'), 'seeded ' || w,
       now() - interval '400 days'
FROM generate_series(0, 3) AS w
ON CONFLICT (workspace_id) DO NOTHING;

INSERT INTO projects (project_id, org_id, workspace_id, name, created_at)
SELECT current_setting('seed.org_id') || '_prj' || p, current_setting('seed.org_id'),
       current_setting('seed.org_id') || '_ws' || p, 'seeded ' || p, now() - interval '400 days'
FROM generate_series(0, 3) AS p
ON CONFLICT (project_id) DO NOTHING;

INSERT INTO jobs (job_id, org_id, workspace_id, project_id, principal_id, process_id, process_version, job_type,
                  queue, title, inputs, status, progress, attempt, worker_id, heartbeat_at, queued_at, error_code,
                  error_message, outputs, estimated_credits, reserved_credits, charged_credits, released_credits,
                  billing_status, created_at, updated_at, started_at, finished_at)
SELECT job_id,
       current_setting('seed.org_id'),
       current_setting('seed.org_id') || '_ws' || (g * 7 % 4),
       CASE WHEN g % 3 = 0 THEN NULL ELSE current_setting('seed.org_id') || '_prj' || (g % 4) END,
       'prn_seed',
       process, '1.0.0', process, process,
       CASE WHEN g % 5 = 0 THEN 'field ' || (g % 97) || ' ' || process END,
       -- The 500 inputs made and parsed once (an InitPlan), picked by job number: parsing them per row cost
       -- more than twice as much.
       (SELECT array_agg(('{"image": "file:///data/scenes/S2_' || s || '.tif", "aoi": {"type": "Polygon", '
                          || '"coordinates": [[[5.9, 49.6], [6.2, 49.6], [6.2, 49.9], [5.9, 49.9], '
                          || '[5.9, 49.6]]]}}')::jsonb ORDER BY s)
        FROM generate_series(0, 499) AS s)[1 + g % 500],
       status,
       CASE WHEN status IN ('succeeded', 'failed', 'cancelled') THEN 100 WHEN status = 'running' THEN 40 ELSE 0 END,
       CASE WHEN status = 'created' THEN 0 WHEN status = 'failed' THEN 1 + g % 3 ELSE 1 END,
       CASE WHEN status IN ('running', 'succeeded', 'failed') THEN 'worker-' || (g % 8) END,
       CASE WHEN status = 'running' THEN created END,
       CASE WHEN status = 'created' THEN NULL ELSE created END,
       CASE WHEN status = 'failed' THEN (ARRAY['invalid_inputs', 'attempts_exhausted', 'expired'])[1 + g % 3] END,
       CASE WHEN status = 'failed' THEN 'the area of interest does not overlap the image' END,
       -- A succeeded job's output as a clip registers it: served by the api, with the raster's metadata.
       CASE WHEN status = 'succeeded' THEN ('[{"name": "result", "href": "file:///data/' || current_setting('seed.org_id')
           || '/' || job_id || '/1/result.tif", "media_type": "image/tiff; application=geotiff; '
           || 'profile=cloud-optimized", "size_bytes": ' || (40000 + g % 90000) || ', "metadata": {"bbox": '
           || '[5.9, 49.6, 6.2, 49.9], "crs": "EPSG:4326", "width": 360, "height": 360, "bands": 1, '
           || '"minzoom": 8, "maxzoom": 14, "process_id": "' || process || '"}}]')::jsonb END,
       credits,
       0,
       CASE WHEN status = 'succeeded' THEN credits ELSE 0 END,
       CASE WHEN status IN ('failed', 'cancelled') AND g % 4 <> 0 THEN credits ELSE 0 END,
       CASE WHEN status = 'succeeded' THEN 'settled'
            WHEN status IN ('failed', 'cancelled') AND g % 4 <> 0 THEN 'released' ELSE 'none' END,
       created,
       created + interval '90 seconds',
       CASE WHEN status IN ('created', 'queued') THEN NULL ELSE created + interval '5 seconds' END,
       CASE WHEN status IN ('succeeded', 'failed', 'cancelled') THEN created + interval '90 seconds' END
FROM (
    SELECT g,
           'job_' || current_setting('seed.org_id') || '_' || lpad(g::text, 9, '0') AS job_id,
           (ARRAY['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'failed', 'failed',
                  'cancelled', 'queued', 'running', 'created'])[1 + g % 11] AS status,
           (ARRAY['ndvi', 'clip', 'bathy', 'mosaic', 'ndwi'])[1 + (g * 13) % 5] AS process,
           1 + g % 50 AS credits,
           -- Over the past year in job number order, as a real org's jobs come (job ids are time-ordered ULIDs,
           -- rows are appended as jobs are created), with the milliseconds spread so that ties are rare.
           coalesce(nullif(current_setting('seed.now', true), '')::timestamptz, now())
               - make_interval(secs => (last - g) * 31536000.0 / jobs_in_run
                                        + (g * 37 % 1000) / 1000.0) AS created
    FROM (SELECT coalesce(nullif(current_setting('seed.first', true), ''), '1')::bigint
                 + current_setting('seed.jobs')::bigint - 1 AS last,
                 current_setting('seed.jobs')::bigint AS jobs_in_run) AS range,
         -- seed.part_from / seed.part_to: one slice of the run (api/bench/seed-jobs inserts slices in parallel);
         -- times, ids and the mix depend only on the job number, so the slices make the same rows as one run.
         generate_series(coalesce(nullif(current_setting('seed.part_from', true), ''),
                                  nullif(current_setting('seed.first', true), ''), '1')::bigint,
                         coalesce(nullif(current_setting('seed.part_to', true), '')::bigint, last)) AS g
) AS seed;
