// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.skills;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Why one skill folder was not loaded: the file, the line (1-based; 0 when the problem is not
 * about one line) and what is wrong.
 *
 * @param file the {@code SKILL.md} (or skills directory) at fault
 * @param line the 1-based line of the problem, or 0 for the whole file
 * @param message what is wrong, in a sentence
 */
public record SkillProblem(Path file, int line, String message) {
    public SkillProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line: message}, the way compilers report. */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
