// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

/**
 * A problem the person at the command line can fix (a bad option, a missing directory, no model):
 * printed as one line, never as a stack trace, with a non-zero exit code.
 */
final class CliException extends RuntimeException {
    private final int exitCode;

    CliException(String message) {
        this(message, 2);
    }

    CliException(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
