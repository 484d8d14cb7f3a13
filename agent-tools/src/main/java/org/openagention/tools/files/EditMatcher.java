// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds where {@code old_string} sits in a file: exactly first, then down a bounded ladder of
 * tolerances. Each rung must still find a single place (or, with replace_all, at least one); an
 * ambiguous rung stops the search rather than guessing.
 */
final class EditMatcher {

    /** The tolerance a match needed, in the order they are tried. */
    enum Rung {
        EXACT("exact match"),
        TRAILING_WHITESPACE("matched with trailing whitespace ignored"),
        INDENTATION("matched with indentation ignored; new_string re-indented to the file's indentation"),
        UNICODE_PUNCTUATION("matched with Unicode punctuation normalised (curly quotes, dashes, special spaces, ellipsis)");

        final String description;

        Rung(String description) {
            this.description = description;
        }
    }

    /** A stretch of the file to replace, in characters of its {@code \n} body, and its replacement. */
    record Replacement(int start, int end, String text) {}

    sealed interface Outcome permits Found, Ambiguous, NotFound {}

    record Found(Rung rung, List<Replacement> replacements) implements Outcome {}

    /** Several places matched; {@code lines} are their 1-based first lines. */
    record Ambiguous(Rung rung, List<Integer> lines) implements Outcome {}

    record NotFound() implements Outcome {}

    private EditMatcher() {}

    static Outcome find(String body, String oldString, String newString, boolean replaceAll) {
        Outcome exact = bySubstring(Rung.EXACT, body, oldString, newString, replaceAll, false, false);
        if (!(exact instanceof NotFound)) {
            return exact;
        }
        Outcome trailing = bySubstring(Rung.TRAILING_WHITESPACE, body, oldString, newString, replaceAll, true, false);
        if (!(trailing instanceof NotFound)) {
            return trailing;
        }
        Outcome indent = byLines(Rung.INDENTATION, body, oldString, newString, replaceAll, false);
        if (!(indent instanceof NotFound)) {
            return indent;
        }
        Outcome unicode = bySubstring(Rung.UNICODE_PUNCTUATION, body, oldString, newString, replaceAll, true, true);
        if (!(unicode instanceof NotFound)) {
            return unicode;
        }
        return byLines(Rung.UNICODE_PUNCTUATION, body, oldString, newString, replaceAll, true);
    }

    private static Outcome bySubstring(Rung rung, String body, String oldString, String newString, boolean replaceAll,
            boolean normalise, boolean fold) {
        Normalized hay = normalise ? Normalized.of(body, fold) : null;
        String haystack = normalise ? hay.text : body;
        String needle = normalise ? Normalized.of(oldString, fold).text : oldString;
        if (needle.isEmpty()) {
            return new NotFound();
        }
        List<Replacement> found = new ArrayList<>();
        for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length())) {
            int start = normalise ? hay.start(at) : at;
            int end = normalise ? hay.end(at + needle.length()) : at + needle.length();
            found.add(new Replacement(start, end, newString));
        }
        return outcome(rung, body, found, replaceAll);
    }

    /** Whole-line matching: each line of old_string against a file line, both stripped of surrounding whitespace. */
    private static Outcome byLines(Rung rung, String body, String oldString, String newString, boolean replaceAll,
            boolean fold) {
        List<String> old = lines(oldString.endsWith("\n") ? oldString.substring(0, oldString.length() - 1) : oldString);
        if (old.stream().allMatch(String::isBlank)) {
            return new NotFound();
        }
        List<String> file = lines(body);
        int[] lineStarts = lineStarts(body, file.size());
        List<Replacement> found = new ArrayList<>();
        for (int i = 0; i + old.size() <= file.size(); i++) {
            if (!sameLines(file, i, old, fold)) {
                continue;
            }
            int last = i + old.size() - 1;
            int start = lineStarts[i];
            int end = lineStarts[last] + file.get(last).length();
            if (oldString.endsWith("\n") && end < body.length()) {
                end++;
            }
            String fileIndent = Indentation.of(file.get(i + firstNonBlank(old)));
            String oldIndent = Indentation.of(old.get(firstNonBlank(old)));
            found.add(new Replacement(start, end, reindent(newString, oldIndent, fileIndent)));
            i = last;
        }
        return outcome(rung, body, found, replaceAll);
    }

    private static boolean sameLines(List<String> file, int at, List<String> old, boolean fold) {
        for (int k = 0; k < old.size(); k++) {
            String a = file.get(at + k).strip();
            String b = old.get(k).strip();
            if (fold) {
                a = Punctuation.fold(a).strip();
                b = Punctuation.fold(b).strip();
            }
            if (!a.equals(b)) {
                return false;
            }
        }
        return true;
    }

    private static Outcome outcome(Rung rung, String body, List<Replacement> found, boolean replaceAll) {
        if (found.isEmpty()) {
            return new NotFound();
        }
        if (found.size() > 1 && !replaceAll) {
            List<Integer> lines = new ArrayList<>();
            for (Replacement r : found) {
                lines.add(lineOf(body, r.start()));
            }
            return new Ambiguous(rung, lines);
        }
        return new Found(rung, found);
    }

    /** {@code text} moved from indentation {@code oldIndent} to {@code fileIndent}, line by line ({@link Indentation}). */
    static String reindent(String text, String oldIndent, String fileIndent) {
        if (oldIndent.equals(fileIndent)) {
            return text;
        }
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            out.add(Indentation.shift(line, oldIndent, fileIndent));
        }
        return String.join("\n", out);
    }

    static int lineOf(String body, int index) {
        int line = 1;
        for (int i = 0; i < index && i < body.length(); i++) {
            if (body.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        if (out.size() > 1 && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static int[] lineStarts(String body, int count) {
        int[] starts = new int[count + 1];
        int line = 1;
        for (int i = 0; i < body.length() && line <= count; i++) {
            if (body.charAt(i) == '\n') {
                starts[line++] = i + 1;
            }
        }
        return starts;
    }

    private static int firstNonBlank(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                return i;
            }
        }
        return 0;
    }
}
