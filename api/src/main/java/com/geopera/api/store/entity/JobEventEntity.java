package com.geopera.api.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/** A row of {@code job_events}: one worker event as received, with what was done with it. */
@Entity
@Table(name = "job_events")
public class JobEventEntity {
    @Id
    public String eventId;
    public String jobId;
    public int attempt;
    public String type;
    public Instant occurredAt;
    public Instant receivedAt;
    /** An {@code EventOutcome} wire name; {@code received} until the event is applied. */
    public String outcome;
    /** The event as the worker sent it ({@code jsonb}). */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String payload;
}
