-- Indexes for job listings (docs/API.md "List pages"): each starts with the equality the list filters on and
-- ends with the list's order, so a page (first or by cursor) is an index range read of limit + 1 rows, never a
-- scan and sort of the org's jobs. jobs_org_created_idx (org_id, created_at DESC, job_id DESC) already serves the
-- default listing and the ids filter goes by the primary key.
-- Plain CREATE INDEX locks writes to jobs while it builds: fine for a migration on a small table; on a large
-- production table create each one beforehand with CREATE INDEX CONCURRENTLY (same name), which this then skips.

-- One filter, the default order (created_at, either direction by a backward scan).
CREATE INDEX IF NOT EXISTS jobs_org_status_created_idx ON jobs (org_id, status, created_at DESC, job_id DESC);
CREATE INDEX IF NOT EXISTS jobs_org_process_created_idx ON jobs (org_id, process_id, created_at DESC, job_id DESC);
CREATE INDEX IF NOT EXISTS jobs_org_workspace_created_idx ON jobs (org_id, workspace_id, created_at DESC, job_id DESC);

-- The other sorts, no filter. finished_at is null until a job ends: its order puts nulls last either way, so the
-- index holds the descending order (DESC NULLS LAST); ascending is the default ASC NULLS LAST order of another.
CREATE INDEX IF NOT EXISTS jobs_org_updated_idx ON jobs (org_id, updated_at DESC, job_id DESC);
CREATE INDEX IF NOT EXISTS jobs_org_finished_desc_idx ON jobs (org_id, finished_at DESC NULLS LAST, job_id DESC);
CREATE INDEX IF NOT EXISTS jobs_org_finished_asc_idx ON jobs (org_id, finished_at ASC NULLS LAST, job_id ASC);
CREATE INDEX IF NOT EXISTS jobs_org_status_job_idx ON jobs (org_id, status, job_id);
CREATE INDEX IF NOT EXISTS jobs_org_process_job_idx ON jobs (org_id, process_id, job_id);

-- Project lists: newest first, optionally of one job type; replaces the index without the job_id tie-breaker.
CREATE INDEX IF NOT EXISTS jobs_project_created_idx ON jobs (project_id, created_at DESC, job_id DESC)
    WHERE project_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS jobs_project_type_created_idx ON jobs (project_id, job_type, created_at DESC, job_id DESC)
    WHERE project_id IS NOT NULL;
DROP INDEX IF EXISTS jobs_project_idx;
