// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.graph;

import java.util.List;
import org.openagention.core.ConfigurationException;

/**
 * A {@link TaskGraph} could not be built: it holds cycles, unknown dependencies or duplicate ids.
 * Lists every problem found, not only the first, each a sentence naming the tasks involved (a
 * cycle with its path: {@code a -> b -> a}).
 */
public class InvalidGraphException extends ConfigurationException {
    private final List<String> problems;

    public InvalidGraphException(List<String> problems) {
        super("the task graph is not valid (" + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + "):\n- " + String.join("\n- ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in a stable order. */
    public List<String> problems() {
        return problems;
    }
}
