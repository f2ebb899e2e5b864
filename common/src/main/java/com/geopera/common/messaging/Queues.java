package com.geopera.common.messaging;

import java.util.List;

/**
 * The worker queues the system knows by default, each with its dispatch topic ({@link Topics#dispatch}): what a
 * worker serves and the api creates topics for unless configured otherwise.
 */
public final class Queues {
    /** Comma-separated, the form configuration defaults take ({@code @WithDefault(Queues.DEFAULT_NAMES)}). */
    public static final String DEFAULT_NAMES = "clip,bathy,analysis,conversion,terrain";
    /** The same queues as a list. */
    public static final List<String> DEFAULT = List.of(DEFAULT_NAMES.split(","));

    private Queues() {
    }
}
