package com.geopera.cli.error;

/** The exit codes scripts can rely on; docs/CLI.md and {@code geopera --help} list the same table. */
public enum ExitCode {
    OK(0, "success"),
    FAILURE(1, "unexpected error in the command line itself"),
    USAGE(2, "usage error: unknown command or option, bad or missing argument"),
    AUTH(3, "authentication or permission refused (HTTP 401/403), or no credentials"),
    NOT_FOUND(4, "not found (HTTP 404/410): job, process, operation"),
    INSUFFICIENT_CREDITS(5, "insufficient credits (HTTP 402)"),
    REJECTED(6, "validation failed or conflict (HTTP 400/409/413/415/422)"),
    SERVER(7, "server error (HTTP 5xx) or network failure"),
    JOB_UNSUCCESSFUL(8, "with --wait: the job ended failed or cancelled"),
    INTERRUPTED(130, "interrupted (Ctrl-C); a followed job keeps running");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
