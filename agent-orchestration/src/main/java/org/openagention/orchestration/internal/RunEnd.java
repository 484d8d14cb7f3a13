// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.util.ArrayList;
import java.util.List;
import org.openagention.orchestration.RunStatus;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskState;
/**
 * How a run ends once nothing is running: failed fast, budget spent, stalled (nothing ready and
 * something not done, reported with what blocks it), failed, or completed. Decided here as a
 * {@link RunFact.Finished}; the supervisor journals and applies it.
 */
final class RunEnd {
    private RunEnd() {}

    /** How the run ended, from its state. */
    static RunFact.Finished decide(RunState st, BudgetGate budgets) {
        if (st.failFastStop) {
            return new RunFact.Finished(RunStatus.FAILED, st.failFastDetail);
        }
        List<String> notDone = new ArrayList<>();
        List<String> blocked = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        String failed = "";
        for (Task task : st.graph.tasks()) {
            Track t = st.tracks.get(task.id());
            if (t.state == TaskState.DONE) {
                if (!t.unresolved.isEmpty() && failed.isEmpty()) {
                    failed = Texts.firstLine(t.unresolved);
                }
                continue;
            }
            notDone.add(t.id());
            if (t.state == TaskState.BLOCKED || t.state == TaskState.REVIEW) {
                blocked.add(t.id() + " (" + (t.state == TaskState.BLOCKED ? "blocked: " + Texts.firstLine(t.checkOutput)
                        : "waiting for review") + ")");
            } else if (t.state == TaskState.PENDING && !t.skipped()) {
                waiting.add(t.id());
            } else if (t.gaveUp && !t.superseded && failed.isEmpty()) {
                failed = "task '" + t.id() + "' failed: " + Texts.firstLine(t.failure);
            }
        }
        if (budgets.shut() && !notDone.isEmpty()) {
            return new RunFact.Finished(RunStatus.BUDGET_SPENT, budgets.detail() + "; not done: " + notDone);
        }
        if (!blocked.isEmpty() || !waiting.isEmpty()) {
            return new RunFact.Finished(RunStatus.STALLED, "nothing is ready and nothing is running; blocked: " + blocked
                    + "; waiting on them: " + waiting);
        }
        if (!failed.isEmpty()) {
            return new RunFact.Finished(RunStatus.FAILED, failed);
        }
        return new RunFact.Finished(RunStatus.COMPLETED, "");
    }
}
