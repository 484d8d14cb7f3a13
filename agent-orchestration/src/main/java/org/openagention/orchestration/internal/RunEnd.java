package org.openagention.orchestration.internal;

import java.util.ArrayList;
import java.util.List;
import org.openagention.orchestration.OrchestrationEvent;
import org.openagention.orchestration.OrchestrationResult;
import org.openagention.orchestration.RunStatus;
import org.openagention.orchestration.Task;
import org.openagention.orchestration.TaskState;

/**
 * How a run ends once nothing is running: failed fast, budget spent, stalled (nothing ready and
 * something not done, reported with what blocks it), failed, or completed; journaled and published.
 */
final class RunEnd {
    private RunEnd() {}

    /** Decides how the run ended, from its state, and ends it so. */
    static OrchestrationResult finish(RunState st, BudgetGate budgets, RunLog log) {
        if (st.failFastStop) {
            return finishAs(st, log, RunStatus.FAILED, st.failFastDetail);
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
            } else if (t.state == TaskState.PENDING && !t.skipped) {
                waiting.add(t.id());
            } else if (t.gaveUp && !t.superseded && failed.isEmpty()) {
                failed = "task '" + t.id() + "' failed: " + Texts.firstLine(t.failure);
            }
        }
        if (budgets.shut() && !notDone.isEmpty()) {
            return finishAs(st, log, RunStatus.BUDGET_SPENT, budgets.detail() + "; not done: " + notDone);
        }
        if (!blocked.isEmpty() || !waiting.isEmpty()) {
            return finishAs(st, log, RunStatus.STALLED, "nothing is ready and nothing is running; blocked: " + blocked
                    + "; waiting on them: " + waiting);
        }
        if (!failed.isEmpty()) {
            return finishAs(st, log, RunStatus.FAILED, failed);
        }
        return finishAs(st, log, RunStatus.COMPLETED, "");
    }

    /** Journals and publishes the end of the run, and returns its result. */
    static OrchestrationResult finishAs(RunState st, RunLog log, RunStatus status, String detail) {
        log.write("graph.finished", log.payload(null).put("status", status.name()).put("detail", detail));
        st.applyFinished(status, detail);
        OrchestrationResult result = st.result(status, detail);
        log.publish(() -> new OrchestrationEvent.RunFinished(st.runId, log.now(), result));
        return result;
    }
}
