// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.graph.TaskState;
import org.openagention.orchestration.planning.Replan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code REPLAN} failure policy: asks the planner for the rest of the work after a task failed
 * for good. Tasks that never started are replaced by the planner's; tasks done or under way stay.
 * A plan that would not form a valid graph with them is refused (the caller then skips dependents).
 * It decides only: the supervisor journals and applies what it returns.
 */
final class Replanning {
    private static final Logger LOG = LoggerFactory.getLogger(Replanning.class);

    private final Settings s;
    private final RunState st;

    Replanning(Settings s, RunState st) {
        this.s = s;
        this.st = st;
    }

    /**
     * Asks the planner for the rest of the work: {@link RunFact.Replanned} with its plan, or
     * {@link RunFact.ReplanFailed} when it gave none that is usable; empty when there is no planner
     * to ask or the run has replanned as often as it may.
     */
    Optional<RunFact> replan(Track failed) {
        if (s.planner() == null || st.replans >= s.maxReplans()) {
            return Optional.empty();
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
            LOG.warn("Replanning after task {} failed did not give a usable plan: {}", failed.id(), problems);
            return Optional.of(new RunFact.ReplanFailed(failed.id(), String.join("; ", problems)));
        }
        return Optional.of(new RunFact.Replanned(failed.id(), removed, added));
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
