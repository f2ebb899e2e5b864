-- Progress and heartbeats of running attempts, one narrow row per job, so a HEARTBEAT or PROGRESS event no longer
-- rewrites the wide jobs row (its ~30 columns and 17 indexes, heartbeat_at and updated_at among the indexed ones, so
-- no such update could be HOT). Each tick updates this row in place: only the primary key is indexed and it never
-- changes, and fillfactor 20 leaves room on each page for the next versions (api/bench/row-versions: 94 % of the
-- updates HOT at 20, 59 % at 50), so the dead versions are pruned with the page, mostly without vacuum. A row whose
-- attempt is not its job's current running attempt is ignored and removed by the retention pass.
CREATE TABLE job_liveness (
    job_id       text PRIMARY KEY,
    attempt      integer NOT NULL,
    progress     integer NOT NULL CHECK (progress BETWEEN 0 AND 100),
    heartbeat_at timestamptz NOT NULL
) WITH (fillfactor = 20);
