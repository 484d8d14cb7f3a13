// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.util.List;
import org.openagention.core.AgentException;

/**
 * A diff could not be parsed or applied. {@link #problems()} lists every problem found, each
 * naming the line, file or hunk concerned; the message joins them.
 */
public final class PatchException extends AgentException {
    private final List<String> problems;

    public PatchException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, one per entry, at least one. */
    public List<String> problems() {
        return problems;
    }
}
