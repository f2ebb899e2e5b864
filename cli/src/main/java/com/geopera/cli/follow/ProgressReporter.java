package com.geopera.cli.follow;

import com.fasterxml.jackson.databind.JsonNode;

/** Shows a followed job's progress on stderr while {@code --wait} polls it. */
public interface ProgressReporter {
    /** Called after every poll with the job as the api returned it. */
    void update(JsonNode job);

    /** Called once the job reached a terminal status, or the follow ended otherwise. */
    void finish();
}
