// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.io.PrintStream;
import org.openagention.core.AgentListener;
import org.openagention.core.model.PriceTable;
import org.openagention.orchestration.OrchestrationListener;
/**
 * How a run's progress is shown: a table redrawn in place on a terminal, plain log lines when the
 * output is not a terminal, or one JSON object per event for {@code --json}. Listens to the
 * orchestrator directly and to each agent through {@link #lane}. Thread-safe: workers report from
 * their own threads.
 */
interface Progress extends OrchestrationListener {

    /**
     * A listener for one agent.
     *
     * @param row the row of the table it reports to (a task id, {@code planner}, {@code agent})
     * @param label how log lines name it (such as {@code fix-total#2})
     */
    AgentListener lane(String row, String label);

    /** A message of the CLI itself; {@code kind} is a short tag such as {@code banner} or {@code tests}. */
    void note(String kind, String text);

    /** The run is over: stop redrawing and print the summary table. */
    void close();

    static Progress json(PrintStream out) {
        return new JsonProgress(out);
    }

    static Progress text(Terminal terminal, PriceTable prices) {
        return new TextProgress(terminal, prices);
    }
}
