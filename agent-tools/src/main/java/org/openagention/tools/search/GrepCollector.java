// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gathers per-file results from either backend, in any order and from many threads, and keeps
 * only what the capped, path-ordered output can show: memory stays bounded by the limit however
 * many files match. Counts everything, so the output can say how much was omitted.
 */
final class GrepCollector {
    private final OutputMode mode;
    private final int limit;
    private final int after;
    private final TreeMap<String, FileMatches> kept = new TreeMap<>();
    private long keptMatches;
    private long totalMatches;
    private long totalFiles;

    GrepCollector(OutputMode mode, int limit, int after) {
        this.mode = mode;
        this.limit = limit;
        this.after = after;
    }

    synchronized void add(FileMatches file) {
        if (file.matchCount() == 0) {
            return;
        }
        totalFiles++;
        totalMatches += file.matchCount();
        if (mode != OutputMode.CONTENT) {
            kept.put(file.path(), new FileMatches(file.path(), List.of(), file.matchCount()));
            if (kept.size() > limit) {
                kept.pollLastEntry();
            }
            return;
        }
        FileMatches trimmed = trim(file, limit);
        kept.put(trimmed.path(), trimmed);
        keptMatches += retained(trimmed);
        while (kept.size() > 1 && keptMatches - retained(kept.lastEntry().getValue()) >= limit) {
            keptMatches -= retained(kept.pollLastEntry().getValue());
        }
    }

    private static long retained(FileMatches f) {
        return f.lines().stream().filter(FileMatches.Line::match).count();
    }

    /** {@code file} with its lines cut after its {@code max}-th match and that match's after-context. */
    private FileMatches trim(FileMatches file, long max) {
        List<FileMatches.Line> lines = file.lines();
        int matches = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).match() && ++matches == max) {
                int end = i + 1;
                int last = lines.get(i).number();
                while (end < lines.size() && !lines.get(end).match() && lines.get(end).number() <= last + after) {
                    end++;
                }
                return new FileMatches(file.path(), lines.subList(0, end), file.matchCount());
            }
        }
        return file;
    }

    /** The text the model sees; {@code prefix} turns base-relative paths into workspace-relative ones. */
    synchronized String format(String prefix, boolean lineNumbers, boolean separators) {
        StringBuilder out = new StringBuilder();
        if (mode == OutputMode.CONTENT) {
            formatContent(out, prefix, lineNumbers, separators);
        } else {
            for (Map.Entry<String, FileMatches> e : kept.entrySet()) {
                out.append(prefix).append(e.getKey());
                if (mode == OutputMode.COUNT) {
                    out.append(':').append(e.getValue().matchCount());
                }
                out.append('\n');
            }
            if (totalFiles > kept.size()) {
                out.append("\n[").append(kept.size()).append(" of ").append(totalFiles).append(" files shown, ")
                        .append(totalFiles - kept.size()).append(" omitted")
                        .append(mode == OutputMode.COUNT ? " (" + totalMatches + " matching lines in all)" : "")
                        .append(". Narrow the search or raise head_limit.]\n");
            }
        }
        return out.toString();
    }

    private void formatContent(StringBuilder out, String prefix, boolean lineNumbers, boolean separators) {
        long budget = limit;
        long shown = 0;
        boolean first = true;
        for (FileMatches f : kept.values()) {
            if (budget <= 0) {
                break;
            }
            FileMatches cut = retained(f) > budget ? trim(f, budget) : f;
            int previous = -1;
            for (FileMatches.Line line : cut.lines()) {
                if (separators && !first && line.number() != previous + 1) {
                    out.append("--\n");
                }
                first = false;
                previous = line.number();
                char sep = line.match() ? ':' : '-';
                out.append(prefix).append(f.path()).append(sep);
                if (lineNumbers) {
                    out.append(line.number()).append(sep);
                }
                out.append(clip(line.text())).append('\n');
            }
            long n = retained(cut);
            budget -= n;
            shown += n;
        }
        if (totalMatches > shown) {
            out.append("\n[").append(shown).append(" of ").append(totalMatches).append(" matching lines shown (")
                    .append(totalFiles).append(" files matched), ").append(totalMatches - shown)
                    .append(" omitted. Narrow the search or raise head_limit.]\n");
        }
    }

    static final int MAX_LINE = 500;

    static String clip(String line) {
        return line.length() <= MAX_LINE ? line
                : line.substring(0, MAX_LINE) + " ... [line truncated, " + line.length() + " characters]";
    }

    synchronized boolean isEmpty() {
        return totalFiles == 0;
    }

    /** Lines of a file to show for matches at {@code matched} (sorted), with context, as {@link FileMatches.Line}s. */
    static List<FileMatches.Line> withContext(String[] lines, int lineCount, boolean[] matched, int before, int after) {
        List<FileMatches.Line> out = new ArrayList<>();
        int shownUpTo = 0; // index of the first line not yet emitted
        for (int i = 0; i < lineCount; i++) {
            if (!matched[i]) {
                continue;
            }
            int from = Math.max(shownUpTo, i - before);
            int to = i;
            for (int j = from; j <= to; j++) {
                out.add(new FileMatches.Line(j + 1, lines[j], matched[j]));
            }
            int end = Math.min(lineCount - 1, i + after);
            int j = i + 1;
            for (; j <= end && !matched[j]; j++) {
                out.add(new FileMatches.Line(j + 1, lines[j], false));
            }
            shownUpTo = j; // a match inside the after-context is emitted by the next iteration
        }
        return out;
    }
}
