package com.geopera.cli.http;

import com.geopera.cli.error.CliException;
import com.geopera.cli.error.ExitCode;

/** The api could not be reached or the connection broke before a complete answer arrived. */
public class NetworkException extends CliException {
    public NetworkException(String message, Throwable cause) {
        super(ExitCode.SERVER, message, cause);
    }
}
