package com.geopera.imagery;

import com.geopera.common.process.JobOutput;
import com.geopera.common.process.Usage;
import java.util.List;

/** What a run produced (COG files with their metadata) and the credits it used. */
public record RunResult(List<JobOutput> outputs, Usage usage) {
}
