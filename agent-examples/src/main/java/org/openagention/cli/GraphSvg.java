// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The task graph as inline SVG: tasks in columns by depth (the longest chain of dependencies before
 * them), each a box with its id, state, attempts, tokens and cost, edges from each dependency.
 */
final class GraphSvg {
    private static final int W = 200;
    private static final int H = 70;
    private static final int GAP_X = 60;
    private static final int GAP_Y = 22;

    private GraphSvg() {}

    static String render(RunRecord r) {
        Map<String, Integer> depth = new HashMap<>();
        for (String id : r.tasks.keySet()) {
            depth(r, id, depth, new ArrayList<>());
        }
        Map<Integer, List<String>> columns = new HashMap<>();
        int maxDepth = 0;
        for (String id : r.tasks.keySet()) {
            int d = depth.get(id);
            columns.computeIfAbsent(d, k -> new ArrayList<>()).add(id);
            maxDepth = Math.max(maxDepth, d);
        }
        int maxRows = columns.values().stream().mapToInt(List::size).max().orElse(1);
        int width = (maxDepth + 1) * (W + GAP_X) + GAP_X;
        int height = maxRows * (H + GAP_Y) + GAP_Y;
        Map<String, int[]> pos = new HashMap<>();
        for (Map.Entry<Integer, List<String>> c : columns.entrySet()) {
            List<String> ids = c.getValue();
            int top = (height - ids.size() * (H + GAP_Y) + GAP_Y) / 2;
            for (int i = 0; i < ids.size(); i++) {
                pos.put(ids.get(i), new int[] {GAP_X / 2 + c.getKey() * (W + GAP_X), top + i * (H + GAP_Y)});
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"task graph\">")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\""
                        + " markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#98a2b3\"/></marker></defs>");
        for (RunRecord.TaskRecord t : r.tasks.values()) {
            int[] to = pos.get(t.id);
            for (String dep : t.dependsOn) {
                int[] from = pos.get(dep);
                if (from == null) {
                    continue;
                }
                int x1 = from[0] + W;
                int y1 = from[1] + H / 2;
                int x2 = to[0];
                int y2 = to[1] + H / 2;
                sb.append("<path class=\"edge\" marker-end=\"url(#arrow)\" d=\"M").append(x1).append(',').append(y1)
                        .append(" C").append(x1 + GAP_X / 2).append(',').append(y1).append(' ').append(x2 - GAP_X / 2)
                        .append(',').append(y2).append(' ').append(x2).append(',').append(y2).append("\"/>");
            }
        }
        for (RunRecord.TaskRecord t : r.tasks.values()) {
            int[] p = pos.get(t.id);
            String color = color(t);
            sb.append("<g class=\"node\" data-task=\"").append(Html.escape(t.id)).append("\"><title>")
                    .append(Html.escape(t.id + ": " + t.goal)).append("</title>")
                    .append("<rect x=\"").append(p[0]).append("\" y=\"").append(p[1]).append("\" width=\"").append(W)
                    .append("\" height=\"").append(H).append("\" rx=\"8\" stroke=\"").append(color).append('"')
                    .append(t.skippedBecause.isEmpty() ? "" : " stroke-dasharray=\"5 4\"").append("/>")
                    .append("<rect x=\"").append(p[0]).append("\" y=\"").append(p[1]).append("\" width=\"6\" height=\"")
                    .append(H).append("\" rx=\"3\" fill=\"").append(color).append("\"/>");
            text(sb, p[0] + 14, p[1] + 20, "title", cut(t.id, 24));
            String attempts = t.attempts.size() + (t.attempts.size() == 1 ? " attempt" : " attempts");
            text(sb, p[0] + 14, p[1] + 38, "", (t.skippedBecause.isEmpty() ? t.state.toLowerCase(Locale.ROOT) : "skipped")
                    + " · " + attempts + (Boolean.TRUE.equals(t.merged) ? " · merged" : ""));
            text(sb, p[0] + 14, p[1] + 56, "", String.format(Locale.ROOT, "%,d tokens · $%.4f", t.tokens(), t.cost()));
        }
        return sb.append("</svg>").toString();
    }

    private static void text(StringBuilder sb, int x, int y, String cls, String text) {
        sb.append("<text x=\"").append(x).append("\" y=\"").append(y).append('"')
                .append(cls.isEmpty() ? "" : " class=\"" + cls + "\"").append('>').append(Html.escape(text)).append("</text>");
    }

    private static int depth(RunRecord r, String id, Map<String, Integer> memo, List<String> path) {
        Integer known = memo.get(id);
        if (known != null) {
            return known;
        }
        RunRecord.TaskRecord t = r.tasks.get(id);
        int d = 0;
        if (t != null && !path.contains(id)) {
            path.add(id);
            for (String dep : t.dependsOn) {
                if (r.tasks.containsKey(dep)) {
                    d = Math.max(d, depth(r, dep, memo, path) + 1);
                }
            }
            path.remove(path.size() - 1);
        }
        memo.put(id, d);
        return d;
    }

    private static String color(RunRecord.TaskRecord t) {
        if (!t.skippedBecause.isEmpty()) {
            return "#98a2b3";
        }
        switch (t.state) {
            case "DONE":
                return "#12805c";
            case "FAILED":
                return "#c4320a";
            case "RUNNING":
                return "#1f6feb";
            case "REVIEW":
                return "#7a4cc2";
            case "BLOCKED":
                return "#b54708";
            default:
                return "#98a2b3";
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
