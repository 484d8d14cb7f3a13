package org.openagention.orchestration.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openagention.orchestration.OrchestrationEvent;
import org.openagention.orchestration.Replan;
import org.openagention.orchestration.Task;
import org.openagention.orchestration.TaskGraph;
import org.openagention.orchestration.TaskState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code REPLAN} failure policy: asks the planner for the rest of the work after a task failed
 * for good. Tasks that never started are replaced by the planner's; tasks done or under way stay.
 * A plan that would not form a valid graph with them is refused (the caller then skips dependents).
 */
final class Replanning {
    private static final Logger LOG = LoggerFactory.getLogger(Replanning.class);

    private final Settings s;
    private final RunState st;
    private final RunLog log;

    Replanning(Settings s, RunState st, RunLog log) {
        this.s = s;
        this.st = st;
        this.log = log;
    }

    /** Asks the planner for the rest of the work; false when it cannot give a usable plan. */
    boolean replan(Track failed) {
        if (s.planner() == null || st.replans >= s.maxReplans()) {
            return false;
        }
        List<String> removed = new ArrayList<>();
        List<Task> kept = new ArrayList<>();
        for (Task task : st.graph.tasks()) {
            Track t = st.tracks.get(task.id());
            if (t.state == TaskState.PENDING && t.attempts == 0) {
                removed.add(task.id());
            } else {
                kept.add(task);
            }
        }
        List<Task> added = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            TaskGraph plan = s.planner().replan(request(failed));
            Set<String> keptIds = new HashSet<>();
            kept.forEach(k -> keptIds.add(k.id()));
            for (Task task : plan.tasks()) {
                if (!keptIds.contains(task.id())) { // a kept task is already done or under way
                    added.add(task);
                    problems.addAll(dependsOnFailed(task, keptIds));
                }
            }
            List<Task> all = new ArrayList<>(kept);
            all.addAll(added);
            problems.addAll(TaskGraph.problems(all));
        } catch (RuntimeException e) {
            problems.add("the planner failed: " + Texts.describe(e));
        }
        if (!problems.isEmpty()) {
            log.write("graph.replan_failed", log.payload(failed.id()).put("problems", String.join("; ", problems)));
            LOG.warn("Replanning after task {} failed did not give a usable plan: {}", failed.id(), problems);
            return false;
        }
        StringBuilder specs = new StringBuilder("[");
        added.forEach(task -> specs.append(specs.length() > 1 ? "," : "").append(TaskCodec.write(task)));
        log.write("graph.replanned", log.payload(null).put("failedTask", failed.id()).put("removed", removed)
                .putJson("added", specs.append(']').toString()));
        st.applyReplanned(failed.id(), removed, added);
        List<String> addedIds = added.stream().map(Task::id).toList();
        log.publish(() -> new OrchestrationEvent.Replanned(st.runId, log.now(), failed.id(), removed, addedIds));
        return true;
    }

    private Replan request(Track failed) {
        Map<String, TaskState> states = new HashMap<>();
        Map<String, String> outputs = new HashMap<>();
        st.tracks.forEach((id, t) -> {
            states.put(id, t.state);
            if (t.state == TaskState.DONE) {
                outputs.put(id, t.output);
            }
        });
        return new Replan(st.goal, st.graph, states, failed.id(), failed.failure, outputs);
    }

    private List<String> dependsOnFailed(Task task, Set<String> keptIds) {
        List<String> problems = new ArrayList<>();
        for (String d : task.dependencies()) {
            Track dt = st.tracks.get(d);
            if (dt != null && keptIds.contains(d) && dt.gaveUp) {
                problems.add("task '" + task.id() + "' depends on failed task '" + d + "'");
            }
        }
        return problems;
    }
}
