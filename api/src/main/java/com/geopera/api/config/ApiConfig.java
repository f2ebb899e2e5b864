package com.geopera.api.config;

import com.geopera.common.messaging.Queues;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every setting of the api under {@code geopera.*}; keys shared with other apps are listed in docs/DEVELOPMENT.md. */
@ConfigMapping(prefix = "geopera")
public interface ApiConfig {

    Topics topics();

    Storage storage();

    Admin admin();

    Auth auth();

    Jobs jobs();

    LedgerSettings ledger();

    Outbox outbox();

    Events events();

    Reaper reaper();

    Idempotency idempotency();

    Imagery imagery();

    Database database();

    /**
     * Base URL of every link the api builds (output hrefs, TileJSON tiles), e.g. https://api.example.com. Links are
     * never built from the request's Host header, which a client chooses. Unset, {@code geopera.jobs.public-url} is
     * used, else http://&lt;quarkus.http.host&gt;:&lt;quarkus.http.port&gt; (127.0.0.1 for 0.0.0.0): set it behind
     * a proxy or load balancer.
     */
    Optional<String> publicUrl();

    Limits limits();

    Expiry expiry();

    Retention retention();

    Tiles tiles();

    Ops ops();

    /** Kafka topic naming and creation. */
    interface Topics {
        /** Prefix of every topic name ({@code <prefix>.jobs.events} …). */
        @WithDefault("geopera")
        String prefix();

        /**
         * Partitions of the topics created at start other than the dispatch topics (events, control, dead letters);
         * bounds how many api replicas apply events in parallel.
         */
        @WithDefault("6")
        int partitions();

        /**
         * Partitions of each dispatch topic created at start. One: the workers' share group then gives that partition
         * to every worker, so a busy worker stays in the group without keeping records from idle ones, and a pool is
         * not bounded by the partition count (docs/WORKER.md, "Dispatch").
         */
        @WithDefault("1")
        int dispatchPartitions();

        /** Replication factor of topics created at start (1 on a single broker). */
        @WithDefault("1")
        short replicationFactor();

        /** Worker queues that get a dispatch topic even when no process names them. */
        @WithDefault(Queues.DEFAULT_NAMES)
        List<String> queues();
    }

    /** Where workers write outputs; the api serves and deletes files only below this directory. */
    interface Storage {
        @WithDefault(".geopera/storage")
        String root();
    }

    /** Administration. */
    interface Admin {
        /** The first admin API key ({@code gpra_…}), registered (hashed) at start when set. */
        Optional<String> bootstrapKey();
    }

    /** Sessions. */
    interface Auth {
        /** Lifetime of a session token when the request does not ask for less. */
        @WithDefault("PT1H")
        Duration sessionTtl();

        /** Longest lifetime a session may ask for. */
        @WithDefault("PT12H")
        Duration sessionMaxTtl();

        /**
         * How long a replica reuses a token's stored row before reading it again (0 disables). Revocations made on
         * this replica apply at once; on other replicas within this time.
         */
        @WithDefault("PT2S")
        Duration credentialCacheTtl();
    }

    /** Job operations. */
    interface Jobs {
        /** How long a credit hold lives before the ledger expires it (the job then fails). */
        @WithDefault("PT24H")
        Duration reserveTtl();

        /** Largest request body accepted by an operation (413 above). */
        @WithDefault("1048576")
        int maxBodyBytes();

        /**
         * Largest {@code inputs} of a job, measured as the api stores and publishes them (re-serialised JSON, each
         * number counted at its longest written form, so {@code 1e300} counts as 301 bytes): create, execute,
         * validate and estimate answer 413 {@code inputs_too_large} above it and store nothing. A job's dispatch
         * command carries its inputs plus well under 1 KiB of ids, so this cap must stay well under the outbox
         * producer's {@code max.request.size} (1 MiB): the api refuses to start when it is over half of that.
         */
        @WithDefault("262144")
        int maxInputsBytes();

        /**
         * How long a request body may take to arrive once the headers are in: a client that declared a body and has
         * not finished sending it by then gets 408 {@code request_timeout} and the connection is closed.
         */
        @WithDefault("PT20S")
        Duration bodyReadTimeout();

        /**
         * Most bytes of request bodies held in memory at once, across all connections. Buffers grow only as bytes
         * arrive (never from the declared Content-Length); a body that would pass this total is answered 503
         * {@code service_unavailable} (Retry-After) and its connection closed, so slow senders cannot fill the heap.
         */
        @WithDefault("268435456")
        long maxBufferedBodyBytes();

        /** Page size of list operations when none is asked for. */
        @WithDefault("50")
        int defaultPageSize();

        /** Largest page size of list operations. */
        @WithDefault("500")
        int maxPageSize();

        /**
         * Largest page size of list operations that ask for {@code include: ["inputs"]}: each job's inputs may be
         * up to {@link #maxInputsBytes()}, so this bounds the memory of one page (50 × 256 KiB = 12.5 MiB).
         */
        @WithDefault("50")
        int maxPageSizeWithInputs();

        /**
         * Secret that signs list cursors (HMAC-SHA256), so a client can neither forge a cursor nor reuse one of
         * another org. Unset: a random secret made at start, and cursors stop working when the process restarts.
         * Set the same value on every api replica behind one load balancer, or a cursor from one is refused by the
         * next.
         */
        Optional<String> cursorSecret();

        /** Older name of {@code geopera.public-url}, read when that is unset. */
        Optional<String> publicUrl();

        /** Whole listings streamed as NDJSON (docs/API.md "Streamed listings"). */
        Streams streams();
    }

    /** Listings streamed as NDJSON: read in keyset chunks, on their own threads, a bounded number per org. */
    interface Streams {
        /**
         * Listings of one org streaming at once on this replica; one more is answered 429 {@code too_many_streams}
         * (with Retry-After), so one org cannot take every stream thread from the others.
         */
        @WithDefault("2")
        int maxPerOrg();

        /** Jobs read per chunk (one keyset query each); a chunk is read only when the client took the previous one. */
        @WithDefault("1000")
        int chunkSize();

        /** Jobs in the first chunk: small, so the first bytes leave within milliseconds. */
        @WithDefault("100")
        int firstChunkSize();

        /**
         * Threads that read and render chunks, shared by every stream of the replica (never the HTTP worker
         * threads); each holds a database connection only while it reads one chunk.
         */
        @WithDefault("2")
        int threads();
    }

    /** How the api answers while PostgreSQL is unavailable. */
    interface Database {
        /** The Retry-After of 503 answers given while the database is unavailable (whole seconds, at least 1). */
        @WithDefault("PT5S")
        Duration retryAfter();

        /** How often, during an outage only, a connection is tried to notice (and log once) that it is over. */
        @WithDefault("1s")
        String probeInterval();
    }

    /** The credit ledger. */
    interface LedgerSettings {
        /**
         * Escrow slices (rows) each org's credits are spread over: up to this many transactions of one org reserve at
         * once without waiting for each other. Keep it at least the number of connections that may reserve for one
         * org at the same time (HTTP worker threads of every api replica); an org gets new slices at its next grant.
         */
        @WithDefault("8")
        int slicesPerOrg();

        /**
         * Scheduler period of the full ledger audit (admin.ledger.audit), whose last result is the gauge
         * {@code geopera_ledger_invariant_violations}; its cost grows with the journal, so keep it long on a large
         * ledger.
         */
        @WithDefault("1h")
        String auditInterval();

        /** How long after start the first scheduled audit runs: until then the gauge is NaN (not known yet). */
        @WithDefault("10s")
        String auditFirstDelay();
    }

    /** The outbox relay to Kafka. */
    interface Outbox {
        /** How often the relay looks for unsent rows when nobody woke it up. */
        @WithDefault("PT0.5S")
        Duration pollInterval();

        /**
         * After a round that published rows but fewer than a batch, the relay waits this long before claiming again,
         * so that under load one round (a claim, an update, a commit) carries the rows of several requests instead
         * of one or two. A round after an empty one starts as soon as a commit wakes the relay, so a job submitted
         * on a quiet api is not delayed; zero turns lingering off.
         */
        @WithDefault("PT0.005S")
        Duration linger();

        /** Rows claimed per relay round. */
        @WithDefault("200")
        int batchSize();

        /** How long the relay waits for broker acks of one round before giving up and retrying later. */
        @WithDefault("PT15S")
        Duration sendTimeout();

        /** Pause after a failed round (broker down). */
        @WithDefault("PT2S")
        Duration retryBackoff();

        /**
         * Rounds a record may fail in while other records of its round are acknowledged before it is parked (its job
         * then fails with {@code dispatch_failed}). Rounds in which the broker acknowledged nothing (an outage) do not
         * count; a record the producer refuses as such (too large, malformed) is parked at its first failure.
         */
        @WithDefault("10")
        int maxAttempts();
    }

    /** Applying worker events. */
    interface Events {
        /** First wait before applying an event again after a transient database failure; doubles up to the max. */
        @WithDefault("PT0.2S")
        Duration retryBackoff();

        /** Longest wait between two tries of one event while the database keeps failing transiently. */
        @WithDefault("PT5S")
        Duration retryMaxBackoff();
    }

    /** Recovery of dead attempts and expired holds. */
    interface Reaper {
        /** Scheduler period of the reaper. */
        @WithDefault("5s")
        String interval();

        /** A running job whose last heartbeat is older than this is considered dead. */
        @WithDefault("PT60S")
        Duration heartbeatTimeout();

        /**
         * A queued job is looked at after this long: its dispatch record is published again only if a worker consumed
         * it (the worker share group's start offset passed it) and the job still did not start; a record still
         * waiting in its queue is left alone.
         */
        @WithDefault("PT10M")
        Duration queuedTimeout();

        /**
         * The workers' share group on the dispatch topics; its start offsets tell which dispatch records were
         * consumed. Must equal the workers' {@code geopera.dispatch.group}.
         */
        @WithDefault("${geopera.topics.prefix}-dispatch")
        String workerGroup();

        /** Attempts a job gets before it fails with {@code attempts_exhausted}. */
        @WithDefault("3")
        int maxAttempts();

        /** Jobs handled per reaper round. */
        @WithDefault("100")
        int batchSize();
    }

    /** The operators' side (docs/OPERATIONS-GUIDE.md): the metrics snapshot and what counts as stuck or gone. */
    interface Ops {
        /** How often the gauges' snapshot (a few SQL statements and one Kafka offsets read) is refreshed. */
        @WithDefault("10s")
        String snapshotInterval();

        /**
         * A running job whose last heartbeat is older than this is listed as stuck ({@code stale_heartbeat}); unset,
         * the reaper's {@code heartbeat-timeout}. Shorter shows a dead worker's jobs before the reaper acts on them.
         */
        Optional<Duration> staleHeartbeatAfter();

        /** A job queued longer than this is listed as stuck ({@code queued_too_long}). */
        @WithDefault("PT10M")
        Duration stuckQueuedAfter();

        /** A worker not heard from for this long is no longer listed (its row is deleted). */
        @WithDefault("PT1H")
        Duration forgetWorkersAfter();
    }

    /** Idempotency-Key records. */
    interface Idempotency {
        /** How long a key is remembered. */
        @WithDefault("PT24H")
        Duration ttl();
    }

    /** Input restrictions handed to the imagery engine (validate / estimate run in-process). */
    interface Imagery {
        /** Directories {@code file:} inputs may be read from. */
        Optional<List<String>> inputRoots();

        /** Hosts {@code http(s)://} inputs may be read from. */
        Optional<List<String>> allowedHosts();

        /**
         * Accept {@code http(s)://} inputs whose host resolves to a loopback address. Tests and local development
         * only (their servers listen on 127.0.0.1); never in a deployment, where it would let inputs reach the pod's
         * own ports. Private and link-local addresses stay refused either way.
         */
        @WithDefault("false")
        boolean allowLoopbackHosts();
    }

    /**
     * Per-org limits. The request rate is a token bucket kept in memory by each replica (see
     * {@code service.RequestRates}, applied by {@code rest.RateLimitFilter}): N replicas admit up to N times the rate. The defaults only stop floods: one
     * org on one 2-core replica reaches about 5,000 req/s (docs/BENCHMARKS.md), well below them.
     */
    interface Limits {
        /** Requests per second an org (an admin key, for keys without org) may make to one replica, on average. */
        @WithDefault("10000")
        double requestsPerSecond();

        /** Requests an idle org may make at once before the average rate applies. */
        @WithDefault("20000")
        int burst();

        /** Jobs an org may have waiting in {@code created}; create and create_and_dispatch are refused beyond. */
        @WithDefault("1000")
        int maxCreatedJobs();
    }

    /** Expiry of jobs that were created and never dispatched. */
    interface Expiry {
        /** Scheduler period of the expiry pass. */
        @WithDefault("10m")
        String interval();

        /** A job still in {@code created} this long after its creation fails with {@code expired}. */
        @WithDefault("P7D")
        Duration createdTtl();

        /** Jobs expired per transaction; a pass repeats rounds until none is due. */
        @WithDefault("200")
        int batchSize();
    }

    /** What is deleted once it is old: sent outbox rows, progress events, orphaned files, optionally outputs. */
    interface Retention {
        /** Scheduler period of the retention pass. */
        @WithDefault("10m")
        String interval();

        /** Outbox rows sent (acknowledged by Kafka) longer ago than this are deleted. */
        @WithDefault("P7D")
        Duration sentOutboxAge();

        /** HEARTBEAT and PROGRESS rows of job_events received longer ago than this are deleted (others are kept). */
        @WithDefault("P7D")
        Duration progressEventAge();

        /**
         * Attempt directories that are not their job's current attempt, and staging directories, untouched for this
         * long are deleted from the storage root. Keep it well above the longest run of a job.
         */
        @WithDefault("P2D")
        Duration orphanedFileAge();

        /** When set, outputs of jobs finished longer ago than this are deleted as job.delete does; unset keeps them. */
        Optional<Duration> outputAge();

        /**
         * When set, jobs finished (succeeded, failed, cancelled) longer ago than this are deleted: their output files,
         * events, dispatch position and row. Their credits are closed by then and the ledger keeps its entries (the
         * journal only grows); a job whose hold is still pending is never deleted. Unset keeps every job.
         */
        Optional<Duration> finishedJobAge();

        /** Rows (or directories) deleted per transaction: short locks; a pass repeats rounds up to maxRounds. */
        @WithDefault("1000")
        int batchSize();

        /** Most rounds of each kind per pass, so one pass stays bounded; the next pass continues. */
        @WithDefault("20")
        int maxRounds();
    }

    /** Map tiles, TileJSON and previews of raster outputs (docs/TILES.md). */
    interface Tiles {
        /**
         * Lifetime of the signed token that {@code tile_info} and the TileJSON put into tile URLs. Tokens are signed
         * with the key of {@code geopera.jobs.cursor-secret}; revoking the key that asked for one does not end it
         * sooner, so keep it short.
         */
        @WithDefault("PT1H")
        Duration tokenTtl();

        /** {@code Cache-Control: max-age} of tiles and previews (outputs of a succeeded job never change). */
        @WithDefault("P1D")
        Duration cacheMaxAge();

        /** GDAL's raster block cache in MiB (process-wide): bounds the memory of open outputs. */
        @WithDefault("256")
        int gdalCacheMb();

        /**
         * Drawn tiles and previews kept in memory, by ETag, in MiB (least recently used dropped first); 0 turns the
         * cache off. An image is named by its output file, parameters and place, and outputs never change, so a cached
         * image is always the image a new drawing would give.
         */
        @WithDefault("64")
        int imageCacheMb();

        /** Output files that keep open GDAL handles between requests (least recently used closed first). */
        @WithDefault("64")
        int maxOpenFiles();

        /** Idle handles kept per output file (one per concurrent request on it; keep it near the worker threads). */
        @WithDefault("8")
        int maxIdlePerFile();

        /** Zoom levels served past an output's native max zoom; deeper tiles are answered empty. */
        @WithDefault("6")
        int overzoom();

        /** Largest {@code max_size} of a preview. */
        @WithDefault("2048")
        int maxPreviewSize();
    }
}
