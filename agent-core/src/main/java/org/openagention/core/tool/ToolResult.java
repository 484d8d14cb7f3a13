// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.tool;

import java.util.Objects;

/**
 * What a tool call produced: a success with text for the model, or an error the model can read
 * and correct.
 *
 * <p>Errors are values, not exceptions: an unknown tool, malformed arguments, a denial or a
 * handler that threw all become an {@link Error} whose text names the problem, so the model sees
 * it on its next turn.
 */
public sealed interface ToolResult {

    /** The text the model sees. */
    String text();

    /** Whether this result reports a failure. */
    default boolean isError() {
        return this instanceof Error;
    }

    /** A successful result. */
    record Success(String text) implements ToolResult {
        public Success {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A failed call, with the kind of failure and a message the model can act on. */
    record Error(ErrorKind kind, String text) implements ToolResult {
        public Error {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
        }
    }

    /** Who or what a failed call is down to. */
    enum ErrorKind {
        /** The model named a tool that does not exist. */
        UNKNOWN_TOOL,
        /** The arguments were not JSON, or did not match the tool's schema. */
        INVALID_ARGUMENTS,
        /** The tool ran and reported a problem (file not found, no match, non-zero exit...). */
        TOOL_FAILED,
        /** The tool's handler threw an exception. */
        HANDLER_EXCEPTION,
        /** A policy or a person refused the call. */
        DENIED,
        /** The call ran out of time. */
        TIMEOUT,
        /** The run was cancelled while the call was pending or running. */
        CANCELLED,
        /**
         * The call may have run, but whether it did and what it did is not known: the run was cut
         * off (killed, crashed) while the call ran, before its result was journaled, and the
         * resumed run did not run it again because its tool is not idempotent.
         */
        OUTCOME_UNKNOWN
    }

    static ToolResult success(String text) {
        return new Success(text);
    }

    /** A failure the tool reports about its own work (kind {@link ErrorKind#TOOL_FAILED}). */
    static ToolResult error(String text) {
        return new Error(ErrorKind.TOOL_FAILED, text);
    }

    static ToolResult error(ErrorKind kind, String text) {
        return new Error(kind, text);
    }
}
