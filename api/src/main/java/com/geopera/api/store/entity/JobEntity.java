package com.geopera.api.store.entity;

import com.geopera.common.job.BillingStatus;
import com.geopera.common.job.JobStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A row of {@code jobs}, as the store reads and writes it; the domain object is the {@code Job} aggregate
 * ({@code JobStore} maps one to the other). Written only through a stateless session, so a row is updated only when
 * the store is asked to, and then {@code WHERE version = ?}: {@link #version} is the optimistic lock.
 */
@Entity
@Table(name = "jobs")
public class JobEntity {
    @Id
    public String jobId;
    public String orgId;
    public String workspaceId;
    public String projectId;
    public String principalId;
    public String processId;
    public String processVersion;
    public String jobType;
    public String queue;
    public String title;
    /** The inputs as JSON text ({@code jsonb}). */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String inputs;
    @Convert(converter = JobStatusColumn.class)
    public JobStatus status;
    public int progress;
    public int attempt;
    public String workerId;
    public Instant heartbeatAt;
    public Instant queuedAt;
    public String errorCode;
    public String errorMessage;
    /** The stored outputs as JSON text ({@code jsonb}), null until the job succeeded. */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String outputs;
    public Instant outputsDeletedAt;
    public long estimatedCredits;
    public long reservedCredits;
    public long chargedCredits;
    public long releasedCredits;
    @Convert(converter = BillingStatusColumn.class)
    public BillingStatus billingStatus;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant startedAt;
    public Instant finishedAt;
    /** The input pins as JSON text ({@code jsonb}), null for jobs stored before pins. */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String inputPins;
    /** Bumped by every update, which applies only to the version it read. */
    @Version
    public long version;
}
