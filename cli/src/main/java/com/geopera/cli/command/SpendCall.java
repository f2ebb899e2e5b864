package com.geopera.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.cli.CommandContext;
import com.geopera.cli.http.ApiResponse;
import com.geopera.cli.http.RequestOptions;
import com.geopera.cli.output.OutputFormat;

/** Sends a spend operation with its Idempotency-Key and tells people when the api replayed a first answer. */
public final class SpendCall {
    private SpendCall() {
    }

    public static JsonNode send(CommandContext context, String operation, ObjectNode body, String idempotencyKey) {
        ApiResponse answer = context.processingClient(true).call(operation, body,
                RequestOptions.spend(idempotencyKey));
        if (answer.replayed() && context.outputFormat() == OutputFormat.HUMAN) {
            context.environment().err().println("Idempotency-Key " + idempotencyKey
                    + " was used before: this is the first answer again, nothing new was created.");
            context.environment().err().flush();
        }
        return answer.body();
    }
}
