-- Retention, created-job expiry and the per-org created-jobs limit read these rows in small batches; each partial
-- index covers only the rows its pass looks for, so the passes stay cheap as the tables grow.
CREATE INDEX outbox_sent_idx ON outbox (sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX job_events_progress_idx ON job_events (received_at) WHERE type IN ('HEARTBEAT', 'PROGRESS');
CREATE INDEX jobs_created_idx ON jobs (created_at) WHERE status = 'created';
CREATE INDEX jobs_org_created_count_idx ON jobs (org_id) WHERE status = 'created';
CREATE INDEX jobs_outputs_kept_idx ON jobs (finished_at) WHERE outputs_deleted_at IS NULL AND finished_at IS NOT NULL;
