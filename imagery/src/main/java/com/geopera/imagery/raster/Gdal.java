package com.geopera.imagery.raster;

import com.geopera.common.job.FailureCode;
import com.geopera.imagery.ProcessingFailedException;
import java.time.Duration;
import org.gdal.gdal.gdal;
import org.gdal.ogr.ogr;

/** Loads and registers GDAL once per JVM, sets its HTTP settings, and turns its null results into exceptions. */
public final class Gdal {
    /** Code of a failure GDAL reported. */
    public static final String GDAL_ERROR = FailureCode.GDAL_ERROR.wireName();

    private static boolean registered;

    private Gdal() {
    }

    /** Registers all drivers (once) and sets the timeouts GDAL applies to {@code /vsicurl/} reads. */
    public static synchronized void init(Duration httpTimeout) {
        if (!registered) {
            if (!org.gdal.gdal.gdalJNI.isAvailable()) {
                throw new IllegalStateException("GDAL native library (libgdalalljni) is not loadable; "
                        + "run deploy/gdal/build-bindings and pass -Djava.library.path=<repo>/.geopera/native");
            }
            gdal.AllRegister();
            ogr.RegisterAll();
            registered = true;
        }
        long seconds = Math.max(1, httpTimeout.toSeconds());
        gdal.SetConfigOption("GDAL_HTTP_TIMEOUT", Long.toString(seconds));
        gdal.SetConfigOption("GDAL_HTTP_CONNECTTIMEOUT", Long.toString(Math.min(seconds, 10)));
        gdal.SetConfigOption("GDAL_HTTP_MAX_RETRY", "2");
        gdal.SetConfigOption("GDAL_HTTP_RETRY_DELAY", "1");
        // credentials from ~/.netrc must not be offered to whatever host an input names
        gdal.SetConfigOption("GDAL_HTTP_NETRC", "NO");
    }

    /** The last error GDAL reported on this thread, or a fallback text. */
    public static String lastError() {
        String msg = gdal.GetLastErrorMsg();
        return msg == null || msg.isBlank() ? "unknown GDAL error" : msg.strip();
    }

    /**
     * Fails the run; GDAL's last error message becomes the exception's detail (logged with the job), not its message,
     * because the job's owner reads the message and GDAL's text can name paths, hosts and ports.
     */
    public static ProcessingFailedException failure(String what) {
        return new ProcessingFailedException(GDAL_ERROR, what + " (GDAL could not process the image)", false,
                what + ": " + lastError());
    }
}
