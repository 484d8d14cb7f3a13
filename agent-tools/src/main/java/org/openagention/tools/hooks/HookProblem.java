// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.hooks;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Why part of a settings file was not loaded (bad JSON, an unknown event, a hook without a
 * command); the rest of the file still loads.
 *
 * @param file the settings file
 * @param line the 1-based line, 0 when not known
 * @param message what is wrong
 */
public record HookProblem(Path file, int line, String message) {
    public HookProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line: message}, the way compilers report. */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
