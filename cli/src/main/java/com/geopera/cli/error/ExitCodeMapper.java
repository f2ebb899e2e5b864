package com.geopera.cli.error;

/** Maps an HTTP status of a refused request to the exit code of the command. */
public final class ExitCodeMapper {
    private static final int HTTP_BAD_REQUEST = 400;
    private static final int HTTP_UNAUTHORIZED = 401;
    private static final int HTTP_PAYMENT_REQUIRED = 402;
    private static final int HTTP_FORBIDDEN = 403;
    private static final int HTTP_NOT_FOUND = 404;
    private static final int HTTP_GONE = 410;
    private static final int HTTP_SERVER_ERRORS = 500;

    private ExitCodeMapper() {
    }

    public static ExitCode forHttpStatus(int status) {
        if (status >= HTTP_SERVER_ERRORS) {
            return ExitCode.SERVER;
        }
        return switch (status) {
            case HTTP_UNAUTHORIZED, HTTP_FORBIDDEN -> ExitCode.AUTH;
            case HTTP_PAYMENT_REQUIRED -> ExitCode.INSUFFICIENT_CREDITS;
            case HTTP_NOT_FOUND, HTTP_GONE -> ExitCode.NOT_FOUND;
            default -> status >= HTTP_BAD_REQUEST ? ExitCode.REJECTED : ExitCode.FAILURE;
        };
    }
}
