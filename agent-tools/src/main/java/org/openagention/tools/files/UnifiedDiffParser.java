// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses unified diffs ({@code diff -u}, {@code git diff}) into {@link FileDiff}s, collecting every
 * problem rather than stopping at the first. Lines before a {@code ---} header ({@code diff --git},
 * {@code index}, mode lines) are skipped.
 */
final class UnifiedDiffParser {
    private static final Pattern HUNK_HEADER = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*$");

    private final List<String> lines;
    private final List<String> problems = new ArrayList<>();
    private final List<FileDiff> files = new ArrayList<>();
    private int pos;

    private UnifiedDiffParser(List<String> lines) {
        this.lines = lines;
    }

    /** The files of {@code diff}, and the problems found (empty when the diff is well formed). */
    static UnifiedDiffParser parse(String diff) {
        if (diff.isBlank()) {
            UnifiedDiffParser empty = new UnifiedDiffParser(List.of());
            empty.problems.add("The diff is empty.");
            return empty;
        }
        TextFile text = TextFile.decode(diff);
        UnifiedDiffParser parser = new UnifiedDiffParser(text.lines());
        parser.run();
        return parser;
    }

    List<FileDiff> files() {
        return files;
    }

    List<String> problems() {
        return problems;
    }

    private void run() {
        while (pos < lines.size()) {
            String line = lines.get(pos);
            if (isFileHeader(pos)) {
                file();
            } else if (line.startsWith("---")) {
                problems.add("Line " + (pos + 1) + ": '" + line + "' is not followed by a '+++ ' header.");
                pos++;
            } else if (line.startsWith("@@")) {
                problems.add("Line " + (pos + 1) + ": hunk header '" + line + "' comes before any '--- '/'+++ ' file header.");
                pos++;
            } else {
                pos++;
            }
        }
        if (files.isEmpty() && problems.isEmpty()) {
            problems.add("No file header ('--- old' then '+++ new') was found: this is not a unified diff.");
        }
    }

    private boolean isFileHeader(int at) {
        return lines.get(at).startsWith("--- ") && at + 1 < lines.size() && lines.get(at + 1).startsWith("+++ ");
    }

    private void file() {
        String oldPath = headerPath(lines.get(pos));
        String newPath = headerPath(lines.get(pos + 1));
        String name = newPath.equals("/dev/null") ? oldPath : newPath;
        pos += 2;
        List<DiffHunk> hunks = new ArrayList<>();
        boolean sawHunkHeader = false;
        while (pos < lines.size() && !isFileHeader(pos)) {
            String line = lines.get(pos);
            if (line.startsWith("@@")) {
                sawHunkHeader = true;
                DiffHunk hunk = hunk(name, hunks.size() + 1);
                if (hunk != null) {
                    hunks.add(hunk);
                }
            } else if (!line.isEmpty() && "+- ".indexOf(line.charAt(0)) >= 0) {
                problems.add("Line " + (pos + 1) + " of " + name + ": '" + line + "' is outside any hunk; a '@@ -a,b +c,d @@' "
                        + "hunk header is missing (or the previous hunk's counts are too small).");
                skipBody();
            } else {
                break;
            }
        }
        if (hunks.isEmpty()) {
            if (sawHunkHeader) {
                return;
            }
            problems.add(name + ": no hunks; each file needs at least one '@@ -a,b +c,d @@' hunk.");
            return;
        }
        for (int i = 1; i < hunks.size(); i++) {
            DiffHunk a = hunks.get(i - 1);
            DiffHunk b = hunks.get(i);
            if (b.oldStart() < a.oldStart() + a.oldCount() || b.oldStart() < a.oldStart()) {
                problems.add(name + ": hunks " + i + " and " + (i + 1) + " overlap or are out of order (" + a.header()
                        + " covers old lines " + a.oldStart() + "-" + (a.oldStart() + a.oldCount() - 1) + ", " + b.header()
                        + " starts at " + b.oldStart() + ").");
            }
        }
        files.add(new FileDiff(oldPath, newPath, hunks));
    }

    private DiffHunk hunk(String file, int number) {
        int headerLine = pos + 1;
        Matcher m = HUNK_HEADER.matcher(lines.get(pos));
        pos++;
        if (!m.matches()) {
            problems.add("Line " + headerLine + " of " + file + ": malformed hunk header '" + lines.get(headerLine - 1)
                    + "'; expected '@@ -start,count +start,count @@'.");
            skipBody();
            return null;
        }
        int oldStart;
        int oldCount;
        int newStart;
        int newCount;
        try {
            oldStart = Integer.parseInt(m.group(1));
            oldCount = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            newStart = Integer.parseInt(m.group(3));
            newCount = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
        } catch (NumberFormatException e) {
            problems.add("Line " + headerLine + " of " + file + ": hunk header '" + lines.get(headerLine - 1)
                    + "' has a line number or count too large to be real.");
            skipBody();
            return null;
        }
        List<String> body = new ArrayList<>();
        int oldSeen = 0;
        int newSeen = 0;
        boolean oldNoNewline = false;
        boolean newNoNewline = false;
        while (pos < lines.size() && (oldSeen < oldCount || newSeen < newCount || lines.get(pos).startsWith("\\"))) {
            String line = lines.get(pos);
            if (line.startsWith("\\")) {
                char last = body.isEmpty() ? ' ' : body.get(body.size() - 1).charAt(0);
                oldNoNewline |= last != '+';
                newNoNewline |= last != '-';
                pos++;
                continue;
            }
            char kind = line.isEmpty() ? ' ' : line.charAt(0);
            if ("+- ".indexOf(kind) < 0 || line.startsWith("@@") || isFileHeader(pos)) {
                break;
            }
            body.add(line.isEmpty() ? " " : line);
            oldSeen += kind != '+' ? 1 : 0;
            newSeen += kind != '-' ? 1 : 0;
            pos++;
        }
        String header = "-" + oldStart + "," + oldCount + " +" + newStart + "," + newCount;
        if (oldSeen != oldCount || newSeen != newCount) {
            problems.add("Hunk " + number + " of " + file + " (line " + headerLine + ", " + header + "): the header declares "
                    + oldCount + " old and " + newCount + " new lines, but the hunk has " + oldSeen + " and " + newSeen + ".");
            return null;
        }
        if (pos < lines.size() && !isFileHeader(pos) && !lines.get(pos).isEmpty()
                && "+-".indexOf(lines.get(pos).charAt(0)) >= 0) {
            problems.add("Hunk " + number + " of " + file + " (line " + headerLine + ", " + header + "): more lines follow than "
                    + "the header declares, starting at line " + (pos + 1) + ": '" + lines.get(pos) + "'.");
            skipBody();
            return null;
        }
        if (body.isEmpty()) {
            problems.add("Hunk " + number + " of " + file + " (line " + headerLine + "): the hunk is empty.");
            return null;
        }
        return new DiffHunk(oldStart, oldCount, newStart, newCount, body, oldNoNewline, newNoNewline);
    }

    private void skipBody() {
        while (pos < lines.size() && !lines.get(pos).startsWith("@@") && !isFileHeader(pos)) {
            pos++;
        }
    }

    private static String headerPath(String header) {
        String path = header.substring(4);
        int tab = path.indexOf('\t');
        return (tab >= 0 ? path.substring(0, tab) : path).strip();
    }
}
