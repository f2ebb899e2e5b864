package com.geopera.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Where job outputs are written. */
@ConfigMapping(prefix = "geopera.storage")
public interface StorageConfig {

    /** Root directory of outputs, laid out as {@code <root>/<org_id>/<job_id>/<attempt>/<file>}. */
    @WithDefault("${user.home}/.geopera/outputs")
    Path root();
}
