// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.agents;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Why an agent definition file (or part of it) was not used; the other definitions still load.
 *
 * @param file the definition file
 * @param line the 1-based line, 0 when not known
 * @param message what is wrong
 */
public record DefinitionProblem(Path file, int line, String message) {
    public DefinitionProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line: message}, the way compilers report. */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
