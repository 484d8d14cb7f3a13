// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.openagention.orchestration.internal.GraphJson;

/**
 * A validated set of {@link Task}s and their dependencies: a directed acyclic graph.
 *
 * <p>{@link Builder#build()} refuses a graph with duplicate ids, dependencies on unknown tasks or
 * cycles, listing every problem at once in an {@link InvalidGraphException} (each cycle with its
 * path). The queries answer the scheduling questions of course chapter 10: which tasks are ready
 * given their states, the parallel batches (topological levels), and the critical path.
 *
 * <pre>{@code
 * TaskGraph graph = TaskGraph.builder()
 *         .add(Task.builder("a").goal("Write the parser").build())
 *         .add(Task.builder("b").goal("Write the tests").dependsOn("a").build())
 *         .build();
 * List<List<String>> batches = graph.batches();   // [[a], [b]]
 * }</pre>
 *
 * Immutable and thread-safe; tasks keep the order they were added in.
 */
public final class TaskGraph {
    private final Map<String, Task> tasks;
    private final Map<String, List<String>> dependents;

    private TaskGraph(Map<String, Task> tasks) {
        this.tasks = Collections.unmodifiableMap(tasks);
        Map<String, List<String>> deps = new HashMap<>();
        for (Task t : tasks.values()) {
            deps.putIfAbsent(t.id(), new ArrayList<>());
            for (String d : t.dependencies()) {
                deps.computeIfAbsent(d, k -> new ArrayList<>()).add(t.id());
            }
        }
        deps.replaceAll((k, v) -> List.copyOf(v));
        this.dependents = deps;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A graph of {@code tasks}; the same checks as {@link Builder#build()}. */
    public static TaskGraph of(Collection<Task> tasks) {
        return builder().addAll(tasks).build();
    }

    /** A builder holding this graph's tasks, to derive a changed graph. */
    public Builder toBuilder() {
        return builder().addAll(tasks.values());
    }

    /**
     * Every problem that keeps {@code tasks} from forming a valid graph: duplicate ids, unknown
     * dependencies and cycles (with their paths). Empty when they form one.
     */
    public static List<String> problems(Collection<Task> tasks) {
        return GraphValidation.problems(tasks);
    }

    /** Every task, in the order added. */
    public List<Task> tasks() {
        return List.copyOf(tasks.values());
    }

    /** Every task id, in the order added. */
    public List<String> ids() {
        return List.copyOf(tasks.keySet());
    }

    public int size() {
        return tasks.size();
    }

    public Optional<Task> task(String id) {
        return Optional.ofNullable(tasks.get(id));
    }

    /**
     * The task with {@code id}.
     *
     * @throws IllegalArgumentException when the graph holds no such task
     */
    public Task require(String id) {
        Task t = tasks.get(id);
        if (t == null) {
            throw new IllegalArgumentException("the graph holds no task '" + id + "'; its tasks are " + tasks.keySet());
        }
        return t;
    }

    /** The ids of the tasks that depend directly on {@code id}. */
    public List<String> dependents(String id) {
        require(id);
        return dependents.get(id);
    }

    /** The ids of every task that depends on {@code id}, directly or not, in breadth-first order. */
    public Set<String> transitiveDependents(String id) {
        Set<String> out = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(dependents(id));
        while (!queue.isEmpty()) {
            String next = queue.poll();
            if (out.add(next)) {
                queue.addAll(dependents.get(next));
            }
        }
        return out;
    }

    /**
     * The tasks that can start now: pending (or absent from {@code states}) with every dependency
     * {@link TaskState#DONE}. In graph order.
     */
    public List<Task> ready(Map<String, TaskState> states) {
        List<Task> out = new ArrayList<>();
        for (Task t : tasks.values()) {
            if (states.getOrDefault(t.id(), TaskState.PENDING) != TaskState.PENDING) {
                continue;
            }
            boolean ok = true;
            for (String d : t.dependencies()) {
                if (states.get(d) != TaskState.DONE) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * The topological levels: each batch holds the tasks whose dependencies are all in earlier
     * batches, so the tasks of one batch can run in parallel. A diamond a, (b, c), d gives
     * {@code [[a], [b, c], [d]]}.
     */
    public List<List<String>> batches() {
        Map<String, Integer> level = GraphLevels.levels(tasks);
        List<List<String>> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : level.entrySet()) {
            while (out.size() <= e.getValue()) {
                out.add(new ArrayList<>());
            }
            out.get(e.getValue()).add(e.getKey());
        }
        out.replaceAll(List::copyOf);
        return List.copyOf(out);
    }

    /** Every task in an order where each comes after its dependencies (by level, then graph order). */
    public List<String> topologicalOrder() {
        List<String> out = new ArrayList<>();
        batches().forEach(out::addAll);
        return out;
    }

    /** The chain of dependent tasks with the largest summed {@link Task#estimatedCost()}. */
    public List<Task> criticalPath() {
        return criticalPath(Task::estimatedCost);
    }

    /** The longest chain of dependent tasks counted in tasks. */
    public List<Task> criticalPathByCount() {
        return criticalPath(t -> 1);
    }

    /**
     * The chain of dependent tasks with the largest summed {@code weight}, first task first;
     * empty for an empty graph. Ties go to the task added first.
     */
    public List<Task> criticalPath(ToDoubleFunction<Task> weight) {
        Objects.requireNonNull(weight, "weight");
        return GraphLevels.criticalPath(tasks, topologicalOrder(), weight);
    }

    @Override
    public String toString() {
        return "TaskGraph" + tasks.values();
    }

    /**
     * The graph as JSON, a task per element, in the journal's task form: built-in checks in full; a
     * custom check or a reviewer (code, not data) as a marker that {@link #fromJson} resolves. For
     * sending a graph to another process (a durable engine's workflow).
     */
    public String toJson() {
        return GraphJson.write(tasks());
    }

    /**
     * Reads a graph written by {@link #toJson()}. {@code originals} gives, by task id, the task
     * whose custom check or reviewer a marker stands for (null, or returning null: such a marker
     * fails).
     *
     * @throws org.openagention.core.ConfigurationException when a marker cannot be resolved
     * @throws org.openagention.core.journal.JournalException when the JSON is malformed, naming the field
     * @throws InvalidGraphException when the tasks do not form a graph
     */
    public static TaskGraph fromJson(String json, java.util.function.Function<String, Task> originals) {
        return of(GraphJson.read(Objects.requireNonNull(json, "json"), originals));
    }

    /** Collects tasks for a {@link TaskGraph}. Not thread-safe. */
    public static final class Builder {
        private final List<Task> tasks = new ArrayList<>();

        private Builder() {}

        public Builder add(Task task) {
            tasks.add(Objects.requireNonNull(task, "task"));
            return this;
        }

        public Builder addAll(Collection<Task> tasks) {
            tasks.forEach(this::add);
            return this;
        }

        /** Replaces the task with the same id, keeping its place; adds it when there is none. */
        public Builder replace(Task task) {
            Objects.requireNonNull(task, "task");
            for (int i = 0; i < tasks.size(); i++) {
                if (tasks.get(i).id().equals(task.id())) {
                    tasks.set(i, task);
                    return this;
                }
            }
            return add(task);
        }

        /** Removes the task with {@code id}, if any. */
        public Builder remove(String id) {
            tasks.removeIf(t -> t.id().equals(id));
            return this;
        }

        /**
         * @throws InvalidGraphException listing every duplicate id, unknown dependency and cycle
         */
        public TaskGraph build() {
            List<String> problems = problems(tasks);
            if (!problems.isEmpty()) {
                throw new InvalidGraphException(problems);
            }
            Map<String, Task> byId = new LinkedHashMap<>();
            tasks.forEach(t -> byId.put(t.id(), t));
            return new TaskGraph(byId);
        }
    }
}
