// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The scheduling arithmetic behind {@link TaskGraph}: topological levels (computed iteratively, so
 * deep chains cannot overflow the stack) and the heaviest chain of dependent tasks.
 */
final class GraphLevels {
    private GraphLevels() {}

    /** Each task's level (0 for tasks without dependencies), in the graph's order. */
    static Map<String, Integer> levels(Map<String, Task> tasks) {
        Map<String, Integer> level = new LinkedHashMap<>();
        for (String id : tasks.keySet()) {
            level(tasks, id, level);
        }
        return level;
    }

    private static int level(Map<String, Task> tasks, String id, Map<String, Integer> memo) {
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

    /** The chain with the largest summed weight, first task first; ties go to the task added first. */
    static List<Task> criticalPath(Map<String, Task> tasks, List<String> topologicalOrder, ToDoubleFunction<Task> weight) {
        Map<String, Double> best = new HashMap<>();
        Map<String, String> prev = new HashMap<>();
        String end = null;
        for (String id : topologicalOrder) {
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
}
