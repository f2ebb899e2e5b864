package com.geopera.cli.http;

import com.geopera.cli.error.CliException;
import com.geopera.cli.error.ExitCodeMapper;

/** The api answered with an error status; carries the problem document it sent. */
public class ApiException extends CliException {
    private final ReceivedProblem problem;

    public ApiException(ReceivedProblem problem) {
        super(ExitCodeMapper.forHttpStatus(problem.status()), problem.summary());
        this.problem = problem;
    }

    public ReceivedProblem problem() {
        return problem;
    }
}
