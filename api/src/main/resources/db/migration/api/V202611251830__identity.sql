-- Organisations, workspaces, projects and who may act in them.
CREATE TABLE orgs (
    org_id      text PRIMARY KEY,
    name        text NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE workspaces (
    workspace_id text PRIMARY KEY,
    org_id       text NOT NULL REFERENCES orgs (org_id),
    name         text NOT NULL,
    created_at   timestamptz NOT NULL
);
CREATE INDEX workspaces_org_idx ON workspaces (org_id);

CREATE TABLE projects (
    project_id   text PRIMARY KEY,
    org_id       text NOT NULL REFERENCES orgs (org_id),
    workspace_id text REFERENCES workspaces (workspace_id),
    name         text NOT NULL,
    created_at   timestamptz NOT NULL
);
CREATE INDEX projects_org_idx ON projects (org_id);

-- A principal is who acts: every API key belongs to one. Admin principals have no org.
CREATE TABLE principals (
    principal_id text PRIMARY KEY,
    org_id       text REFERENCES orgs (org_id),
    name         text NOT NULL,
    created_at   timestamptz NOT NULL
);

CREATE TABLE project_members (
    project_id   text NOT NULL REFERENCES projects (project_id),
    principal_id text NOT NULL REFERENCES principals (principal_id),
    added_at     timestamptz NOT NULL,
    PRIMARY KEY (project_id, principal_id)
);

-- API keys: gpra_<lookup>_<secret>; only SHA-256(secret) is stored.
CREATE TABLE api_keys (
    key_id       text PRIMARY KEY,
    principal_id text NOT NULL REFERENCES principals (principal_id),
    org_id       text REFERENCES orgs (org_id),
    name         text NOT NULL,
    lookup       text NOT NULL UNIQUE,
    secret_hash  bytea NOT NULL,
    scopes       text[] NOT NULL,
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz
);

-- Session tokens: gprs_<lookup>_<secret>, short-lived, scopes ⊆ the key's.
CREATE TABLE sessions (
    session_id   text PRIMARY KEY,
    key_id       text NOT NULL REFERENCES api_keys (key_id),
    lookup       text NOT NULL UNIQUE,
    secret_hash  bytea NOT NULL,
    scopes       text[] NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz
);
