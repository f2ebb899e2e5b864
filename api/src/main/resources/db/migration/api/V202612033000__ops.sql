-- The operators' side (docs/OPERATIONS-GUIDE.md).

-- A paused queue: the outbox relay leaves dispatch rows of this topic unclaimed until the row is deleted (resume).
-- A table rather than memory, so every api replica honours the pause and it survives restarts.
CREATE TABLE ops_queue_pauses (
    queue      text PRIMARY KEY,
    topic      text NOT NULL UNIQUE,
    paused_at  timestamptz NOT NULL,
    paused_by  text NOT NULL,
    reason     text
);

-- The latest worker heartbeat of each worker process (one row per worker, updated in place: fillfactor leaves room
-- for HOT updates, only the primary key is indexed).
CREATE TABLE ops_workers (
    worker_id         text PRIMARY KEY,
    version           text NOT NULL,
    queues            text[] NOT NULL,
    slots             integer NOT NULL,
    slots_busy        integer NOT NULL,
    running           jsonb NOT NULL,
    partitions        jsonb NOT NULL,
    started_at        timestamptz NOT NULL,
    last_heartbeat_at timestamptz NOT NULL
) WITH (fillfactor = 50);

-- Every operator action, written in the transaction that does it.
CREATE TABLE ops_audit (
    audit_id     bigserial PRIMARY KEY,
    at           timestamptz NOT NULL,
    principal_id text NOT NULL,
    key_id       text,
    session_id   text,
    action       text NOT NULL,
    target       text NOT NULL,
    reason       text,
    detail       jsonb NOT NULL DEFAULT '{}'::jsonb
);

-- A parked outbox row an operator discarded: kept for the audit, no longer parked work.
ALTER TABLE outbox ADD COLUMN discarded_at timestamptz;
CREATE INDEX outbox_parked_idx ON outbox (parked_at) WHERE parked_at IS NOT NULL AND discarded_at IS NULL;

-- Throughput and recent failures per queue read the jobs that finished in the last hour (the retention of finished
-- jobs, V202612034000, wants the same index and skips it when it exists).
CREATE INDEX IF NOT EXISTS jobs_finished_at_idx ON jobs (finished_at) WHERE finished_at IS NOT NULL;

-- An operator's retry of a failed job is a new job (the ledger holds once per job); this links the two, and a failed
-- job is retried at most once.
CREATE TABLE ops_job_retries (
    failed_job_id text PRIMARY KEY,
    retry_job_id  text NOT NULL UNIQUE,
    retried_at    timestamptz NOT NULL,
    audit_id      bigint NOT NULL
);
