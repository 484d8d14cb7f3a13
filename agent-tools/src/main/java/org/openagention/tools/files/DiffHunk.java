// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One hunk of a unified diff: the header's {@code @@ -oldStart,oldCount +newStart,newCount @@}
 * and its lines, each starting with {@code ' '} (context), {@code '-'} (removed) or {@code '+'}
 * (added).
 *
 * @param oldStart 1-based first line in the old file (for an empty old side, the line after which the new lines go)
 * @param oldCount number of context and removed lines
 * @param newStart 1-based first line in the new file
 * @param newCount number of context and added lines
 * @param lines the hunk's lines with their one-character prefix
 * @param oldEndsWithoutNewline the old side's last line is the file's last and has no newline ({@code \ No newline at end of file})
 * @param newEndsWithoutNewline the same for the new side
 */
public record DiffHunk(int oldStart, int oldCount, int newStart, int newCount, List<String> lines,
        boolean oldEndsWithoutNewline, boolean newEndsWithoutNewline) {
    public DiffHunk {
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    }

    /** The lines the old file must contain where this hunk applies (context and removed), without prefixes. */
    public List<String> oldLines() {
        return side('+');
    }

    /** The lines the new file has there (context and added), without prefixes. */
    public List<String> newLines() {
        return side('-');
    }

    /** The hunk that undoes this one: sides swapped, additions and removals exchanged. */
    public DiffHunk reversed() {
        List<String> swapped = new ArrayList<>(lines.size());
        for (String line : lines) {
            char kind = line.charAt(0);
            swapped.add(kind == '+' ? "-" + line.substring(1) : kind == '-' ? "+" + line.substring(1) : line);
        }
        return new DiffHunk(newStart, newCount, oldStart, oldCount, swapped, newEndsWithoutNewline, oldEndsWithoutNewline);
    }

    /** The header line, {@code @@ -a,b +c,d @@}. */
    public String header() {
        return "@@ -" + oldStart + "," + oldCount + " +" + newStart + "," + newCount + " @@";
    }

    private List<String> side(char excluded) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (line.charAt(0) != excluded) {
                out.add(line.substring(1));
            }
        }
        return out;
    }
}
