-- Retention of finished jobs (geopera.retention.finished-job-age, docs/API.md "Retention and limits") takes the
-- longest-finished jobs first, a batch at a time: this index hands them over in that order without reading the
-- org's other jobs, however many there are. Only finished jobs have a finished_at.
CREATE INDEX IF NOT EXISTS jobs_finished_at_idx ON jobs (finished_at) WHERE finished_at IS NOT NULL;
