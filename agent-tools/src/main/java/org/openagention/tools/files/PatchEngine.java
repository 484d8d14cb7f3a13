// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.util.ArrayList;
import java.util.List;

/**
 * Unified diffs: parse, validate, apply and revert (the patch engine of the course's chapter 5).
 *
 * <p>Parsing accepts the output of {@code diff -u} and {@code git diff}: several files, each with
 * {@code ---}/{@code +++} headers and {@code @@ -a,b +c,d @@} hunks, and {@code \ No newline at
 * end of file} markers. It rejects, with a message naming the line, file and hunk: an empty diff,
 * a missing file or hunk header, a file with no hunks, hunk counts that do not match the hunk's
 * lines, and hunks that overlap or are out of order.
 *
 * <p>Applying matches each hunk's old lines exactly (no fuzz), at the stated line or, failing
 * that, at the nearest place after the previous hunk: the distance is reported in
 * {@link PatchResult#offsets()}. The original's line endings (CRLF included) and its final
 * newline, or the lack of one, are kept unless a hunk changes them. Applying then reverting gives
 * back the original exactly.
 *
 * <pre>{@code
 * FileDiff diff = PatchEngine.parse(diffText).get(0);
 * PatchResult patched = PatchEngine.apply(original, diff);
 * String back = PatchEngine.revert(patched.text(), diff).text();   // equals original
 * }</pre>
 *
 * Stateless and thread-safe. Failures throw {@link PatchException} listing every problem.
 */
public final class PatchEngine {
    private PatchEngine() {}

    /**
     * The files of a unified diff.
     *
     * @throws PatchException when the diff is malformed, listing every problem found
     */
    public static List<FileDiff> parse(String diff) {
        UnifiedDiffParser parser = UnifiedDiffParser.parse(diff);
        if (!parser.problems().isEmpty()) {
            throw new PatchException(parser.problems());
        }
        return List.copyOf(parser.files());
    }

    /** The problems of a diff's structure; empty when {@link #parse} would accept it. */
    public static List<String> validate(String diff) {
        return List.copyOf(UnifiedDiffParser.parse(diff).problems());
    }

    /**
     * Applies {@code diff} to {@code original}.
     *
     * @throws PatchException when a hunk's old lines are not found, naming the hunk and showing the
     *     lines it expected and the nearest lines there are
     */
    public static PatchResult apply(String original, FileDiff diff) {
        TextFile file = TextFile.decode(original);
        List<String> lines = file.lines();
        List<String> out = new ArrayList<>(lines.size());
        List<Integer> offsets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean finalNewline = file.finalNewline();
        int cursor = 0;
        for (int k = 0; k < diff.hunks().size(); k++) {
            DiffHunk hunk = diff.hunks().get(k);
            List<String> expected = hunk.oldLines();
            int stated = hunk.oldCount() == 0 ? hunk.oldStart() : hunk.oldStart() - 1;
            int at = locate(lines, expected, stated, cursor);
            String label = "Hunk " + (k + 1) + " of " + diff.path() + " (" + hunk.header() + ")";
            if (at < 0) {
                problems.add(label + ": its old lines were not found at line " + (stated + 1) + " or anywhere after "
                        + (cursor == 0 ? "the start of the file" : "line " + cursor) + ". Expected:\n"
                        + quoted(expected) + NearestLines.describe(lines, expected));
                continue;
            }
            boolean reachesEnd = at + expected.size() == lines.size();
            if (!expected.isEmpty() && reachesEnd && hunk.oldEndsWithoutNewline() == file.finalNewline()) {
                problems.add(label + ": it expects the file to end " + (hunk.oldEndsWithoutNewline() ? "without" : "with")
                        + " a newline, but it does not.");
                continue;
            }
            if (hunk.oldEndsWithoutNewline() && !reachesEnd) {
                problems.add(label + ": it marks its last old line as the end of the file, but it matched at line "
                        + (at + 1) + ", before the end.");
                continue;
            }
            out.addAll(lines.subList(cursor, at));
            out.addAll(hunk.newLines());
            offsets.add(at - stated);
            cursor = at + expected.size();
            if (reachesEnd) {
                finalNewline = !hunk.newEndsWithoutNewline();
            }
        }
        if (!problems.isEmpty()) {
            throw new PatchException(problems);
        }
        out.addAll(lines.subList(cursor, lines.size()));
        return new PatchResult(file.withLines(out, finalNewline).encode(), offsets);
    }

    /**
     * Undoes {@code diff} on {@code patched} (applies its reverse).
     *
     * @throws PatchException when the text does not contain what the diff produced
     */
    public static PatchResult revert(String patched, FileDiff diff) {
        return apply(patched, diff.reversed());
    }

    /** The index nearest {@code stated}, at or after {@code from}, where {@code expected} occurs; -1 if nowhere. */
    private static int locate(List<String> lines, List<String> expected, int stated, int from) {
        int last = lines.size() - expected.size();
        int start = Math.max(from, Math.min(stated, Math.max(last, from)));
        for (int distance = 0; ; distance++) {
            int down = start + distance;
            int up = start - distance;
            boolean inRange = false;
            if (down <= last) {
                inRange = true;
                if (matchesAt(lines, expected, down)) {
                    return down;
                }
            }
            if (distance > 0 && up >= from && up <= last) {
                inRange = true;
                if (matchesAt(lines, expected, up)) {
                    return up;
                }
            }
            if (!inRange && (down > last && up < from)) {
                return -1;
            }
        }
    }

    private static boolean matchesAt(List<String> lines, List<String> expected, int at) {
        if (at < 0 || at + expected.size() > lines.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!lines.get(at + i).equals(expected.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String quoted(List<String> lines) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append("  | ").append(line).append('\n');
        }
        return out.toString();
    }
}
