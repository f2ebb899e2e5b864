-- Processing jobs. Status changes go through com.geopera.common.job.JobStatus; `version` is bumped on every
-- update so concurrent writers (event consumer, reaper, HTTP) can detect each other.
CREATE TABLE jobs (
    job_id             text PRIMARY KEY,
    org_id             text NOT NULL REFERENCES orgs (org_id),
    workspace_id       text NOT NULL REFERENCES workspaces (workspace_id),
    project_id         text REFERENCES projects (project_id),
    principal_id       text NOT NULL,
    process_id         text NOT NULL,
    process_version    text NOT NULL,
    job_type           text NOT NULL,
    queue              text NOT NULL,
    title              text,
    inputs             jsonb NOT NULL,
    status             text NOT NULL CHECK (status IN ('created','queued','running','succeeded','failed','cancelled')),
    progress           integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    attempt            integer NOT NULL DEFAULT 0,
    worker_id          text,
    heartbeat_at       timestamptz,
    queued_at          timestamptz,
    error_code         text,
    error_message      text,
    outputs            jsonb,
    outputs_deleted_at timestamptz,
    estimated_credits  bigint NOT NULL DEFAULT 0,
    reserved_credits   bigint NOT NULL DEFAULT 0,
    charged_credits    bigint NOT NULL DEFAULT 0,
    released_credits   bigint NOT NULL DEFAULT 0,
    billing_status     text NOT NULL DEFAULT 'none' CHECK (billing_status IN ('none','reserved','settled','released')),
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    started_at         timestamptz,
    finished_at        timestamptz,
    version            bigint NOT NULL DEFAULT 0
);
CREATE INDEX jobs_org_created_idx ON jobs (org_id, created_at DESC, job_id DESC);
CREATE INDEX jobs_project_idx ON jobs (project_id, created_at DESC) WHERE project_id IS NOT NULL;
CREATE INDEX jobs_running_heartbeat_idx ON jobs (heartbeat_at) WHERE status = 'running';
CREATE INDEX jobs_queued_idx ON jobs (queued_at) WHERE status = 'queued';

-- Every worker event received, once (dedup by event_id), with what was done with it.
CREATE TABLE job_events (
    event_id    text PRIMARY KEY,
    job_id      text NOT NULL,
    attempt     integer NOT NULL,
    type        text NOT NULL,
    occurred_at timestamptz,
    received_at timestamptz NOT NULL,
    outcome     text NOT NULL,
    payload     jsonb NOT NULL
);
CREATE INDEX job_events_job_idx ON job_events (job_id);

-- Transactional outbox: written with the state change it announces, published by the relay.
CREATE TABLE outbox (
    id          bigserial PRIMARY KEY,
    topic       text NOT NULL,
    message_key text NOT NULL,
    ce_id       text NOT NULL,
    ce_type     text NOT NULL,
    payload     text NOT NULL,
    created_at  timestamptz NOT NULL,
    sent_at     timestamptz,
    attempts    integer NOT NULL DEFAULT 0,
    last_error  text
);
CREATE INDEX outbox_unsent_idx ON outbox (id) WHERE sent_at IS NULL;

-- Idempotency-Key records of spend operations, per org.
CREATE TABLE idempotency_records (
    org_id          text NOT NULL,
    idempotency_key text NOT NULL,
    operation       text NOT NULL,
    request_hash    bytea NOT NULL,
    state           text NOT NULL CHECK (state IN ('in_flight','done')),
    response_status integer,
    response_body   bytea,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (org_id, idempotency_key)
);
CREATE INDEX idempotency_expiry_idx ON idempotency_records (expires_at);
