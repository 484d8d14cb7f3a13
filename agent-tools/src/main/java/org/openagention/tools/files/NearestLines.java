// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds the stretch of a file that most resembles text the model expected but that is not there,
 * and shows it with line numbers, so the model can see what the file really says.
 */
final class NearestLines {
    private static final int CANDIDATES = 25;
    private static final double MIN_SIMILARITY = 0.3;

    private NearestLines() {}

    /** A message describing the closest region of {@code fileLines} to {@code expected}, or saying there is none. */
    static String describe(List<String> fileLines, List<String> expected) {
        List<String> wanted = new ArrayList<>();
        for (String line : expected) {
            wanted.add(line.strip());
        }
        if (wanted.isEmpty()) {
            wanted.add("");
        }
        int n = Math.max(1, wanted.size());
        if (fileLines.isEmpty()) {
            return "The file is empty.";
        }
        int anchor = longest(wanted);
        // First pass: how well each file line matches the most telling expected line.
        List<int[]> scored = new ArrayList<>();
        for (int i = 0; i < fileLines.size(); i++) {
            int start = i - anchor;
            if (start >= 0 && start + n <= fileLines.size() || fileLines.size() < n) {
                scored.add(new int[] {Math.max(0, start), (int) (1000 * Similarity.of(fileLines.get(i).strip(), wanted.get(anchor)))});
            }
        }
        scored.sort(Comparator.comparingInt((int[] s) -> -s[1]));
        int bestStart = -1;
        double best = -1;
        for (int c = 0; c < Math.min(CANDIDATES, scored.size()); c++) {
            int start = scored.get(c)[0];
            double score = windowScore(fileLines, start, wanted);
            if (score > best) {
                best = score;
                bestStart = start;
            }
        }
        if (bestStart < 0 || best < MIN_SIMILARITY) {
            return "Nothing in the file closely resembles it. Call read_file to see the current content.";
        }
        int from = Math.max(0, bestStart - 1);
        int to = Math.min(fileLines.size(), bestStart + n + 1);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "The closest text in the file is at line%s %d%s (%d%% similar):\n",
                n > 1 ? "s" : "", bestStart + 1, n > 1 ? "-" + Math.min(fileLines.size(), bestStart + n) : "",
                Math.round(best * 100)));
        out.append(numbered(fileLines, from, to));
        return out.toString();
    }

    /** Lines {@code from..to-1} (0-based) as {@code cat -n} would show them. */
    static String numbered(List<String> lines, int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = Math.max(0, from); i < Math.min(lines.size(), to); i++) {
            out.append(String.format(Locale.ROOT, "%6d\t%s\n", i + 1, lines.get(i)));
        }
        return out.toString();
    }

    private static double windowScore(List<String> fileLines, int start, List<String> wanted) {
        double sum = 0;
        for (int k = 0; k < wanted.size(); k++) {
            if (start + k < fileLines.size()) {
                sum += Similarity.of(fileLines.get(start + k).strip(), wanted.get(k));
            }
        }
        return sum / Math.max(1, wanted.size());
    }

    private static int longest(List<String> lines) {
        int best = 0;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).length() > lines.get(best).length()) {
                best = i;
            }
        }
        return best;
    }
}
