-- Where the current attempt's dispatch record of each job landed in Kafka, written by the outbox relay from the
-- broker's ack. The reaper compares it with the worker group's committed offset: a record at or past that offset
-- is still waiting in its queue and is not republished (a backlog must not multiply its own work).
-- consumed_seen_at: when the reaper first saw the record consumed while the job was still queued.
-- One row per job. No foreign key on purpose: the relay writes here while event transactions hold job rows
-- FOR UPDATE, and a key-share lock would make every dispatch wait for them.
CREATE TABLE dispatch_positions (
    job_id           text PRIMARY KEY,
    attempt          integer NOT NULL,
    topic            text NOT NULL,
    kafka_partition  integer NOT NULL,
    kafka_offset     bigint NOT NULL,
    sent_at          timestamptz NOT NULL,
    consumed_seen_at timestamptz
);
