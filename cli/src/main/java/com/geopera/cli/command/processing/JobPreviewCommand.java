package com.geopera.cli.command.processing;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.error.CliException;
import com.geopera.cli.error.ExitCode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code geopera processing job preview JOB --out out.png}: a quicklook image of a succeeded job's raster output. */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = "Save a quicklook PNG of a succeeded job's raster output (the whole output, drawn like its tiles).",
        footer = {"%nExamples:", "  geopera processing job preview job_01J… --out preview.png",
                "  geopera processing job preview job_01J… --out nir.png --bidx 4,3,2"})
public final class JobPreviewCommand extends ApiCommand {
    @Mixin
    JobArgument job;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Where to write the PNG (-o is the global output format of every command).")
    Path out;

    @Option(names = "--max-size", paramLabel = "PIXELS", description = "Longer side in pixels (default 1024).")
    Integer maxSize;

    @Option(names = "--raster", paramLabel = "NAME", description = "Output to draw when the job has several.")
    String output;

    @Option(names = "--bidx", paramLabel = "BANDS", description = "Bands: one (greyscale/colormap) or three (RGB), e.g. 4,3,2.")
    String bidx;

    @Option(names = "--rescale", paramLabel = "MIN,MAX", description = "Value range drawn black…white; once, or once per band.")
    java.util.List<String> rescale;

    @Option(names = "--colormap", paramLabel = "NAME", description = "Colormap of a single band (greys, viridis, rdylgn, depth, terrain).")
    String colormap;

    @Override
    protected ExitCode execute(CommandContext context) {
        StringBuilder path = new StringBuilder("/v1/processing/jobs/").append(encode(job.id())).append("/preview.png?");
        append(path, "max_size", maxSize == null ? null : maxSize.toString());
        append(path, "output", output);
        append(path, "bidx", bidx);
        append(path, "colormap", colormap);
        if (rescale != null) {
            rescale.forEach(r -> append(path, "rescale", r));
        }
        byte[] png = context.processingClient(true).getBytes(path.toString());
        try {
            Files.write(out, png);
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot write " + out + ": " + e.getMessage());
        }
        context.environment().err().println("wrote " + out + " (" + png.length + " bytes)");
        return ExitCode.OK;
    }

    private static void append(StringBuilder path, String name, String value) {
        if (value != null) {
            path.append(name).append('=').append(encode(value)).append('&');
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
