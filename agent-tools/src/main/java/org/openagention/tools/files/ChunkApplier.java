// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Applies the chunks of one {@code *** Update File} to a file's lines. Each chunk is located after
 * the previous one: its {@code @@} anchors first, then its old lines, tried exactly, then with
 * trailing whitespace ignored, then with indentation (all whitespace around each line) ignored,
 * then with Unicode punctuation normalised as well; the ladder of the reference tool.
 *
 * <p>When a chunk matched with tolerance, its context lines are written as the file has them,
 * not as the patch quotes them. When it matched with indentation ignored, its added lines are
 * moved by the difference between the indentation of its first non-blank old line and that of
 * the file line it matched ({@link Indentation}), so that a hunk written at the wrong depth lands
 * at the right one and keeps its own relative indentation. (The reference tool writes the added
 * lines as given, which leaves them at the patch's wrong depth among correctly indented lines.)
 */
final class ChunkApplier {

    /** A tolerance level for locating lines, in the order tried. */
    enum Level {
        EXACT(UnaryOperator.identity(), "exact"),
        TRAILING_WHITESPACE(String::stripTrailing, "trailing whitespace ignored"),
        INDENTATION(String::strip, "indentation ignored; added lines re-indented to the file's indentation"),
        UNICODE_PUNCTUATION(s -> Punctuation.fold(s).strip(), "Unicode punctuation normalised and indentation ignored");

        final UnaryOperator<String> normalise;
        final String description;

        Level(UnaryOperator<String> normalise, String description) {
            this.normalise = normalise;
            this.description = description;
        }
    }

    /** The new lines, notes on chunks that needed tolerance, and problems (empty when every chunk applied). */
    record Result(List<String> lines, List<String> notes, List<String> problems, int added, int removed) {}

    private record Hit(int index, Level level) {}

    private record Splice(int at, int length, List<String> lines) {}

    private ChunkApplier() {}

    static Result apply(List<String> original, List<CodexPatch.Chunk> chunks) {
        List<Splice> splices = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int cursor = 0;
        int added = 0;
        int removed = 0;
        for (int c = 0; c < chunks.size(); c++) {
            CodexPatch.Chunk chunk = chunks.get(c);
            String label = "hunk " + (c + 1) + " (patch line " + chunk.line() + ")";
            boolean anchorsFound = true;
            for (String anchor : chunk.anchors()) {
                Hit hit = seekAnchor(original, anchor, cursor);
                if (hit == null) {
                    problems.add(label + ": the @@ context line '" + anchor + "' was not found"
                            + (cursor > 0 ? " after line " + cursor : "") + ".\n"
                            + NearestLines.describe(original, List.of(anchor)));
                    anchorsFound = false;
                    break;
                }
                noteLevel(notes, label, hit.level());
                cursor = hit.index() + 1;
            }
            if (!anchorsFound) {
                continue;
            }
            List<String> oldLines = chunk.oldLines();
            List<String> newLines = chunk.newLines();
            if (oldLines.isEmpty()) {
                int at = chunk.anchors().isEmpty() ? original.size() : cursor;
                splices.add(new Splice(at, 0, newLines));
                added += newLines.size();
                continue;
            }
            Hit hit = seek(original, oldLines, cursor, chunk.endOfFile());
            if (hit == null && oldLines.get(oldLines.size() - 1).isEmpty()) {
                // A blank line the model left at the end of the hunk as a separator.
                oldLines = oldLines.subList(0, oldLines.size() - 1);
                if (!newLines.isEmpty() && newLines.get(newLines.size() - 1).isEmpty()) {
                    newLines = newLines.subList(0, newLines.size() - 1);
                }
                hit = oldLines.isEmpty() ? null : seek(original, oldLines, cursor, chunk.endOfFile());
            }
            if (hit == null) {
                problems.add(label + ": these lines were not found" + (cursor > 0 ? " after line " + cursor : "")
                        + (chunk.endOfFile() ? " at the end of the file" : "") + ":\n" + quoted(chunk.oldLines())
                        + NearestLines.describe(original, chunk.oldLines()));
                continue;
            }
            noteLevel(notes, label, hit.level());
            splices.add(new Splice(hit.index(), oldLines.size(), fitToFile(original, hit, chunk, oldLines, newLines)));
            cursor = hit.index() + oldLines.size();
            int context = contextLines(chunk, oldLines.size(), newLines.size());
            removed += oldLines.size() - context;
            added += newLines.size() - context;
        }
        List<String> result = new ArrayList<>(original);
        for (int i = splices.size() - 1; i >= 0; i--) {
            Splice s = splices.get(i);
            result.subList(s.at(), s.at() + s.length()).clear();
            result.addAll(s.at(), s.lines());
        }
        return new Result(result, notes, problems, added, removed);
    }

    private static void noteLevel(List<String> notes, String label, Level level) {
        if (level != Level.EXACT) {
            notes.add(label + " matched with " + level.description);
        }
    }

    /** How many of the first {@code newCount} new lines repeat one of the first {@code oldCount} old lines. */
    private static int contextLines(CodexPatch.Chunk chunk, int oldCount, int newCount) {
        int context = 0;
        for (int i = 0; i < newCount; i++) {
            int old = chunk.contextOf().get(i);
            if (old >= 0 && old < oldCount) {
                context++;
            }
        }
        return context;
    }

    /**
     * The new lines as they go into the file: after a tolerant match each context line is the
     * file's own line, and after a match that ignored indentation each added line is moved to the
     * file's indentation (see the class comment).
     */
    private static List<String> fitToFile(List<String> file, Hit hit, CodexPatch.Chunk chunk, List<String> oldLines,
            List<String> newLines) {
        if (hit.level() == Level.EXACT) {
            return newLines;
        }
        String from = "";
        String to = "";
        for (int k = 0; k < oldLines.size(); k++) {
            if (!oldLines.get(k).isBlank()) {
                from = Indentation.of(oldLines.get(k));
                to = Indentation.of(file.get(hit.index() + k));
                break;
            }
        }
        List<String> out = new ArrayList<>(newLines);
        for (int i = 0; i < out.size(); i++) {
            int old = chunk.contextOf().get(i);
            if (old >= 0 && hit.index() + old < file.size()) {
                out.set(i, file.get(hit.index() + old));
            } else if (old < 0) {
                out.set(i, Indentation.shift(out.get(i), from, to));
            }
        }
        return out;
    }

    /** Where the anchor line occurs at or after {@code from}; anchors are compared without surrounding whitespace. */
    private static Hit seekAnchor(List<String> lines, String anchor, int from) {
        for (Level level : Level.values()) {
            String wanted = level.normalise.apply(anchor).strip();
            for (int at = from; at < lines.size(); at++) {
                if (level.normalise.apply(lines.get(at)).strip().equals(wanted)) {
                    return new Hit(at, level);
                }
            }
        }
        return null;
    }

    /** Where {@code wanted} occurs at or after {@code from}, at the first tolerance level that finds it. */
    private static Hit seek(List<String> lines, List<String> wanted, int from, boolean endOfFile) {
        for (Level level : Level.values()) {
            if (endOfFile) {
                int at = lines.size() - wanted.size();
                if (at >= from && matches(lines, at, wanted, level)) {
                    return new Hit(at, level);
                }
            }
            for (int at = from; at + wanted.size() <= lines.size(); at++) {
                if (matches(lines, at, wanted, level)) {
                    return new Hit(at, level);
                }
            }
        }
        return null;
    }

    private static boolean matches(List<String> lines, int at, List<String> wanted, Level level) {
        for (int k = 0; k < wanted.size(); k++) {
            if (!level.normalise.apply(lines.get(at + k)).equals(level.normalise.apply(wanted.get(k)))) {
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
