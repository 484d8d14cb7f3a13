// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks behind {@link TaskGraph#problems}: duplicate ids, unknown dependencies, cycles with their paths. */
final class GraphValidation {
    private GraphValidation() {}

    /**
     * Every problem that keeps {@code tasks} from forming a valid graph: duplicate ids, unknown
     * dependencies and cycles (with their paths). Empty when they form one.
     */
    static List<String> problems(Collection<Task> tasks) {
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
            Deque<Iterator<String>> iters = new ArrayDeque<>();
            color.put(start, 1);
            path.addLast(start);
            iters.push(byId.get(start).dependencies().iterator());
            while (!iters.isEmpty()) {
                Iterator<String> it = iters.peek();
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
}
