package org.openagention.orchestration;

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
        List<String> problems = new ArrayList<>();
        Map<String, Task> byId = new LinkedHashMap<>();
        for (Task t : tasks) {
            if (byId.putIfAbsent(t.id(), t) != null) {
                problems.add("duplicate task id '" + t.id() + "'");
            }
        }
        for (Task t : byId.values()) {
            for (String d : t.dependencies()) {
                if (!byId.containsKey(d)) {
                    problems.add("task '" + t.id() + "' depends on unknown task '" + d + "'");
                }
            }
        }
        for (List<String> cycle : cycles(byId)) {
            problems.add("cycle: " + String.join(" -> ", cycle) + " (each task depends on the next)");
        }
        return problems;
    }

    /** Each cycle found by a depth-first search (one per back edge), as a path that ends where it starts. */
    private static List<List<String>> cycles(Map<String, Task> byId) {
        Map<String, Integer> color = new HashMap<>(); // absent: unvisited, 1: on stack, 2: finished
        Set<String> seen = new LinkedHashSet<>();
        List<List<String>> found = new ArrayList<>();
        for (String start : byId.keySet()) {
            if (color.containsKey(start)) {
                continue;
            }
            Deque<String> path = new ArrayDeque<>();
            Deque<java.util.Iterator<String>> iters = new ArrayDeque<>();
            color.put(start, 1);
            path.addLast(start);
            iters.push(byId.get(start).dependencies().iterator());
            while (!iters.isEmpty()) {
                java.util.Iterator<String> it = iters.peek();
                if (!it.hasNext()) {
                    iters.pop();
                    color.put(path.removeLast(), 2);
                    continue;
                }
                String next = it.next();
                if (!byId.containsKey(next)) {
                    continue;
                }
                Integer c = color.get(next);
                if (c == null) {
                    color.put(next, 1);
                    path.addLast(next);
                    iters.push(byId.get(next).dependencies().iterator());
                } else if (c == 1) {
                    List<String> cycle = cycleFrom(path, next);
                    if (seen.add(canonical(cycle))) {
                        found.add(cycle);
                    }
                }
            }
        }
        return found;
    }

    /** The cycle closed by an edge back to {@code to}, written in the direction "depends on". */
    private static List<String> cycleFrom(Deque<String> path, String to) {
        List<String> cycle = new ArrayList<>();
        boolean in = false;
        for (String id : path) {
            in |= id.equals(to);
            if (in) {
                cycle.add(id);
            }
        }
        cycle.add(to);
        return cycle;
    }

    private static String canonical(List<String> cycle) {
        List<String> ring = cycle.subList(0, cycle.size() - 1);
        int min = 0;
        for (int i = 1; i < ring.size(); i++) {
            if (ring.get(i).compareTo(ring.get(min)) < 0) {
                min = i;
            }
        }
        List<String> rotated = new ArrayList<>(ring.subList(min, ring.size()));
        rotated.addAll(ring.subList(0, min));
        return String.join("\u0000", rotated);
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
        Map<String, Integer> level = levels();
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

    private Map<String, Integer> levels() {
        Map<String, Integer> level = new LinkedHashMap<>();
        for (String id : tasks.keySet()) {
            level(id, level);
        }
        return level;
    }

    private int level(String id, Map<String, Integer> memo) {
        Integer known = memo.get(id);
        if (known != null) {
            return known;
        }
        // Iterative post-order so that deep chains cannot overflow the stack.
        Deque<String> stack = new ArrayDeque<>();
        stack.push(id);
        while (!stack.isEmpty()) {
            String top = stack.peek();
            if (memo.containsKey(top)) {
                stack.pop();
                continue;
            }
            int max = -1;
            boolean waiting = false;
            for (String d : tasks.get(top).dependencies()) {
                Integer l = memo.get(d);
                if (l == null) {
                    stack.push(d);
                    waiting = true;
                } else {
                    max = Math.max(max, l);
                }
            }
            if (!waiting) {
                memo.put(top, max + 1);
                stack.pop();
            }
        }
        return memo.get(id);
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
        Map<String, Double> best = new HashMap<>();
        Map<String, String> prev = new HashMap<>();
        String end = null;
        for (String id : topologicalOrder()) {
            Task t = tasks.get(id);
            double from = 0;
            String via = null;
            for (String d : t.dependencies()) {
                if (best.get(d) > from || via == null) {
                    from = best.get(d);
                    via = d;
                }
            }
            best.put(id, from + weight.applyAsDouble(t));
            if (via != null) {
                prev.put(id, via);
            }
            if (end == null || best.get(id) > best.get(end)) {
                end = id;
            }
        }
        List<Task> path = new ArrayList<>();
        for (String at = end; at != null; at = prev.get(at)) {
            path.add(tasks.get(at));
        }
        Collections.reverse(path);
        return List.copyOf(path);
    }

    @Override
    public String toString() {
        return "TaskGraph" + tasks.values();
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
