// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.util.ArrayList;
import java.util.List;

/**
 * A text file seen as lines: the lines without their endings, the line ending the file uses, and
 * whether the last line ends with one. Decoding then encoding gives back the same text exactly.
 *
 * <p>A file counts as CRLF only when every line ending in it is {@code \r\n}; a file with mixed
 * endings is treated as LF, its stray {@code \r} characters kept as part of the line text, so
 * nothing is silently rewritten.
 */
record TextFile(List<String> lines, String eol, boolean finalNewline) {
    TextFile {
        lines = List.copyOf(lines);
    }

    static TextFile decode(String text) {
        String eol = usesCrlf(text) ? "\r\n" : "\n";
        return split(eol.equals("\r\n") ? text.replace("\r\n", "\n") : text, eol);
    }

    /** Splits {@code body} on {@code \n} alone (a {@code \r} stays in the line), recording {@code eol} for encoding. */
    static TextFile split(String body, String eol) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            if (body.charAt(i) == '\n') {
                lines.add(body.substring(start, i));
                start = i + 1;
            }
        }
        boolean finalNewline = start == body.length() && !body.isEmpty();
        if (start < body.length()) {
            lines.add(body.substring(start));
        }
        return new TextFile(lines, eol, finalNewline);
    }

    /** Whether every line ending in {@code text} is CRLF (and there is at least one). */
    static boolean usesCrlf(String text) {
        int newlines = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (i == 0 || text.charAt(i - 1) != '\r') {
                    return false;
                }
                newlines++;
            }
        }
        return newlines > 0;
    }

    /** The text with {@code \n} line endings (what edits work on). */
    String body() {
        String joined = String.join("\n", lines);
        return finalNewline ? joined + "\n" : joined;
    }

    /** The text as it goes back to disk, with the file's own line endings. */
    String encode() {
        String joined = String.join(eol, lines);
        return finalNewline && !lines.isEmpty() ? joined + eol : joined;
    }

    /** The same line ending, new content given with {@code \n} endings (as from {@link #body()}). */
    TextFile withBody(String body) {
        return split(body, eol);
    }

    TextFile withLines(List<String> newLines, boolean newFinalNewline) {
        return new TextFile(newLines, eol, newFinalNewline && !newLines.isEmpty());
    }
}
