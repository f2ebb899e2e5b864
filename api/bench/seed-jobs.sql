-- Fills the jobs table with seed.jobs realistic jobs of the org seed.org_id (created with 4 workspaces and
-- 4 projects if missing), in one INSERT … SELECT over generate_series so a million rows take seconds, not the
-- hours a million API calls would. Used by api/bench/seed-jobs (which drops the jobs indexes around it) and by the
-- tests that need many jobs (JobListIndexTest, JobListStreamTest).
--   SET seed.org_id = 'org_bench'; SET seed.jobs = '1000000'; [SET seed.first = '1000001';] \i seed-jobs.sql
-- seed.first (default 1) numbers the first job, so a second run adds jobs after those of the first.
-- Mix: 6 statuses (mostly succeeded), 5 processes, 4 workspaces, 2 of 3 jobs in one of 4 projects (job types
-- follow the process), created over the past year (spread by a permutation of the job number, so creation order
-- is not job id order), finished_at set for jobs that ended.
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
                  queue, title, inputs, status, progress, attempt, heartbeat_at, queued_at, estimated_credits,
                  created_at, updated_at, started_at, finished_at)
SELECT 'job_' || current_setting('seed.org_id') || '_' || lpad(g::text, 9, '0'),
       current_setting('seed.org_id'),
       current_setting('seed.org_id') || '_ws' || (g * 7 % 4),
       CASE WHEN g % 3 = 0 THEN NULL ELSE current_setting('seed.org_id') || '_prj' || (g % 4) END,
       'prn_seed',
       process, '1.0.0', process, process, NULL,
       '{"image":"file:///data/seed.tif"}'::jsonb,
       status,
       CASE WHEN status IN ('succeeded', 'failed', 'cancelled') THEN 100 WHEN status = 'running' THEN 40 ELSE 0 END,
       CASE WHEN status = 'created' THEN 0 ELSE 1 END,
       CASE WHEN status = 'running' THEN created END,
       CASE WHEN status = 'created' THEN NULL ELSE created END,
       10,
       created,
       created + interval '90 seconds',
       CASE WHEN status IN ('created', 'queued') THEN NULL ELSE created + interval '5 seconds' END,
       CASE WHEN status IN ('succeeded', 'failed', 'cancelled') THEN created + interval '90 seconds' END
FROM (
    SELECT g,
           (ARRAY['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'failed', 'failed',
                  'cancelled', 'queued', 'running', 'created'])[1 + g % 11] AS status,
           (ARRAY['ndvi', 'clip', 'bathy', 'mosaic', 'ndwi'])[1 + (g * 13) % 5] AS process,
           -- Over the past year: 7919 is prime to the 31,536,000 seconds of a year, so consecutive jobs land far
           -- apart, and the milliseconds keep ties rare.
           now() - make_interval(secs => (g * 7919::bigint) % 31536000 + (g * 37 % 1000) / 1000.0) AS created
    FROM generate_series(coalesce(nullif(current_setting('seed.first', true), ''), '1')::bigint,
                         coalesce(nullif(current_setting('seed.first', true), ''), '1')::bigint
                         + current_setting('seed.jobs')::bigint - 1) AS g
) AS seed;
