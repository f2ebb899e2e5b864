package com.geopera.cli.command;

import java.util.UUID;
import picocli.CommandLine.Option;

/** {@code --idempotency-key} of spend commands; a fresh UUID when not given, reused for every retry. */
public final class IdempotencyOptions {
    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = "Idempotency-Key header (default: a new UUID). Repeat a command with the same key to get "
                    + "the first answer instead of a second job.")
    String idempotencyKey;

    public String key() {
        return idempotencyKey != null && !idempotencyKey.isBlank() ? idempotencyKey : UUID.randomUUID().toString();
    }
}
