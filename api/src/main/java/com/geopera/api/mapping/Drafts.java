package com.geopera.api.mapping;

import com.geopera.api.JobDraft;
import com.geopera.api.contract.ProcessExecuteInput;

/** The job a create / create_and_dispatch / execute body asks for. */
public final class Drafts {
    private Drafts() {
    }

    /**
     * The draft, carrying the body's problems for the service to add its own to; 413 {@code inputs_too_large} when
     * its inputs are over {@code maxInputsBytes} (InputsSize).
     */
    public static JobDraft of(Bound<ProcessExecuteInput> body, int maxInputsBytes) {
        ProcessExecuteInput input = body.value();
        InputsSize.requireWithin(input.inputs(), maxInputsBytes);
        return new JobDraft(input.processId(), input.workspaceId(), input.projectId(), input.title(), input.inputs(),
                body.problems());
    }
}
