package com.geopera.imagery;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.error.InputErrorCodes;
import com.geopera.common.error.ValidationProblem;
import com.geopera.common.job.FailureCode;
import com.geopera.common.process.JobOutput;
import com.geopera.common.process.ProcessDescription;
import com.geopera.common.process.Usage;
import com.geopera.common.process.InputPin;
import com.geopera.imagery.input.InputPins;
import com.geopera.imagery.input.InputResolver;
import com.geopera.imagery.input.Problems;
import com.geopera.imagery.input.RemoteInputs;
import com.geopera.imagery.input.ValidInputs;
import com.geopera.imagery.process.Basis;
import com.geopera.imagery.process.Descriptions;
import com.geopera.imagery.process.ImageryProcess;
import com.geopera.imagery.process.InputContext;
import com.geopera.imagery.process.PreparedRun;
import com.geopera.imagery.process.ProcessCatalog;
import com.geopera.imagery.process.ProducedRaster;
import com.geopera.imagery.process.RunContext;
import com.geopera.imagery.raster.Gdal;
import com.geopera.imagery.raster.OutputMetadata;
import com.geopera.imagery.render.BandInfo;
import com.geopera.imagery.render.RenderDefaults;
import com.geopera.common.json.Json;
import com.geopera.ledger.billing.CostModel;
import com.geopera.ledger.billing.UsageCap;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The GDAL imagery engine: describes, validates, estimates and runs the imagery processes. Thread-safe; make
 * one per JVM (it registers GDAL's drivers once). Each run opens its own datasets on its own thread.
 */
public final class ImageryEngine {
    private static final System.Logger LOG = System.getLogger(ImageryEngine.class.getName());
    /** Share of a run's progress taken by the process itself; statistics and publishing take the rest. */
    private static final double PROCESS_SHARE = 0.9;
    static final String OUTPUT_FILE = "result.tif";

    private final ImageryConfig config;
    private final ProcessCatalog catalog;
    private final InputContext inputContext;
    private final InputPins inputPins;
    private final Clock clock;

    public ImageryEngine(ImageryConfig config) {
        this(config, Clock.systemUTC());
    }

    /** With an explicit clock (estimate expiries in tests). */
    public ImageryEngine(ImageryConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        Gdal.init(config.httpTimeout());
        this.catalog = ProcessCatalog.standard();
        InputResolver resolver = new InputResolver(config.inputRoots(),
                new RemoteInputs(config.allowedHosts(), config.allowLoopbackInputs(), config.httpTimeout()),
                config.maxInputBytes());
        this.inputContext = new InputContext(resolver);
        this.inputPins = new InputPins(resolver, config.httpTimeout());
    }

    /** OGC descriptions of every process, with job type, category and queue. */
    public List<ProcessDescription> processes() {
        return catalog.all().stream().map(ImageryProcess::description).toList();
    }

    public Optional<ProcessDescription> process(String processId) {
        return catalog.find(processId).map(ImageryProcess::description);
    }

    /**
     * Every problem of the inputs at once: schema errors and what opening the image reveals. Pointers are
     * {@code /inputs/<name>…}; an unknown process gives one {@code unknown_process} problem at {@code /process_id}.
     */
    public List<ValidationProblem> validate(String processId, JsonNode inputs) {
        Optional<ImageryProcess> process = catalog.find(processId);
        if (process.isEmpty()) {
            return List.of(unknownProcess(processId));
        }
        Problems problems = new Problems();
        prepare(process.get(), inputs, problems);
        logDetails("validating " + processId + " inputs", problems);
        return problems.list();
    }

    /** An upper bound of the run's credits; throws {@link InvalidInputsException} when the inputs are invalid. */
    public Estimate estimate(String processId, JsonNode inputs) {
        ImageryProcess process = catalog.find(processId)
                .orElseThrow(() -> new InvalidInputsException(List.of(unknownProcess(processId))));
        Problems problems = new Problems();
        PreparedRun run = prepare(process, inputs, problems);
        if (run == null) {
            logDetails("estimating " + processId, problems);
            throw new InvalidInputsException(problems.list());
        }
        Basis basis = run.basis();
        Map<String, Object> basisMap = basis.toMap(processId);
        CostModel cost = config.costOf(processId);
        basisMap.put("cost_model", Map.of("base_credits", cost.baseCredits(), "credits_per_km2", cost.creditsPerKm2(),
                "credits_per_megapixel_band", cost.creditsPerMegapixelBand()));
        return new Estimate(credits(processId, basis), basisMap, clock.instant().plus(config.estimateTtl()));
    }

    /**
     * What the image inputs are right now (size and mtime, or size, ETag and Last-Modified), to tell later whether
     * a run reads the same bytes the estimate saw. Unknown process or unresolvable inputs give no pins.
     */
    public List<InputPin> pins(String processId, JsonNode inputs) {
        return catalog.find(processId).map(process -> inputPins.pin(process.inputs(), inputs)).orElse(List.of());
    }

    /**
     * Runs one attempt of a job: writes {@code result.tif} (a COG) into the request's output directory and returns
     * it with its metadata and the credits used (never more than the estimate for the same inputs).
     *
     * @throws ProcessingFailedException when the inputs are invalid ({@code invalid_inputs}) or GDAL fails
     * @throws RunCancelledException     when the token asked to stop; no file of the run is left behind
     */
    public RunResult run(RunRequest request, ProgressListener progress, CancellationToken cancellation) {
        Objects.requireNonNull(request, "request");
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        CancellationToken token = cancellation == null ? CancellationToken.NEVER : cancellation;
        ImageryProcess process = catalog.find(request.processId()).orElseThrow(() -> new ProcessingFailedException(
                InputErrorCodes.UNKNOWN_PROCESS, "unknown process " + request.processId(), false));
        Problems problems = new Problems();
        PreparedRun prepared = prepare(process, request.inputs(), problems);
        String subject = "job " + request.jobId() + " attempt " + request.attempt();
        if (prepared == null) {
            logDetails(subject, problems);
            throw new ProcessingFailedException(FailureCode.INVALID_INPUTS, "invalid inputs: " + problems.list(), false);
        }
        if (token.isCancelled()) {
            throw new RunCancelledException("the run was cancelled before it started");
        }
        listener.onProgress(0);
        Path target = request.outputDir().resolve(OUTPUT_FILE);
        boolean published = false;
        try (RunWorkspace workspace = RunWorkspace.create(request.outputDir(), request.jobId(), request.attempt())) {
            RunContext context = new RunContext(workspace.dir(), listener, token, PROCESS_SHARE);
            ProducedRaster produced = prepared.execute(context);
            context.checkCancelled();
            Map<String, Object> metadata = new LinkedHashMap<>(OutputMetadata.describe(produced.cog()));
            metadata.putAll(produced.extraMetadata());
            metadata.put("process_id", process.id());
            metadata.put("media_type", Descriptions.COG_MEDIA_TYPE);
            metadata.put(RenderDefaults.METADATA_KEY, RenderDefaults.toMetadata(RenderDefaults.of(process.id(),
                    BandInfo.of(Json.mapper().valueToTree(metadata)))));
            context.checkCancelled();
            publish(produced.cog(), target);
            published = true;
            long size = Files.size(target);
            listener.onProgress(1);
            return new RunResult(List.of(new JobOutput(Descriptions.OUTPUT_NAME, target.toUri().toString(),
                    Descriptions.COG_MEDIA_TYPE, size, metadata)), usage(process.id(), prepared.basis(), metadata));
        } catch (IOException e) {
            throw new ProcessingFailedException(FailureCode.STORAGE_ERROR, "cannot publish the output: " + e.getMessage(), true);
        } catch (ProcessingFailedException e) {
            if (e.detail() != null) {
                LOG.log(System.Logger.Level.WARNING, "{0} ({1}) failed: {2}", subject, process.id(), e.detail());
            }
            throw e;
        } catch (RunCancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ProcessingFailedException(FailureCode.INTERNAL_ERROR, "the run failed: " + e, false);
        } finally {
            if (!published) {
                try {
                    Files.deleteIfExists(target);
                } catch (IOException e) {
                    // nothing more can be done; the worker's storage cleanup removes the job's directory
                }
            }
        }
    }

    /**
     * Logs what made inputs unreadable (GDAL's and the network's own words) at WARN with what was being done: the
     * caller only gets the problems' generic messages.
     */
    private static void logDetails(String subject, Problems problems) {
        for (String detail : problems.details()) {
            LOG.log(System.Logger.Level.WARNING, "{0}: input unreadable: {1}", subject, detail);
        }
    }

    private PreparedRun prepare(ImageryProcess process, JsonNode inputs, Problems problems) {
        ValidInputs valid = process.inputs().validate(inputs, problems);
        PreparedRun run = process.prepare(valid, inputContext, problems);
        return problems.isEmpty() ? run : null;
    }

    /** Credits of the quantities actually produced, capped by the estimate of the same inputs. */
    private Usage usage(String processId, Basis estimated, Map<String, Object> metadata) {
        long pixels = ((Number) metadata.get("width")).longValue() * ((Number) metadata.get("height")).longValue();
        Basis actual = new Basis(estimated.areaKm2(), pixels, estimated.bands());
        long credits = UsageCap.creditsUsed(credits(processId, actual), credits(processId, estimated));
        return new Usage(credits, actual.toMap(processId));
    }

    private long credits(String processId, Basis basis) {
        return config.costOf(processId).credits(basis.areaKm2(), basis.pixels(), basis.bands());
    }

    private static void publish(Path cog, Path target) throws IOException {
        try {
            Files.move(cog, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(cog, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static ValidationProblem unknownProcess(String processId) {
        return new ValidationProblem(InputErrorCodes.UNKNOWN_PROCESS, "/process_id", "unknown process '" + processId + "'");
    }
}
