// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

/**
 * Moves lines written for one indentation to another, for the tolerance rungs that match lines
 * with their indentation ignored ({@code edit_file}'s and {@code apply_patch}'s). The shift is
 * the difference between two indentations, {@code from} (what the model wrote) and {@code to}
 * (what the file has at the same line), applied to every non-blank line:
 *
 * <ul>
 *   <li>{@code to} is {@code from} plus more: the extra is put in front of every line, so the
 *       lines keep their indentation relative to each other exactly;
 *   <li>{@code from} is {@code to} plus more: that surplus is taken off the front of every line
 *       (of a line indented less than the surplus, only as much as it has);
 *   <li>neither (tabs against spaces, say): a line that starts with {@code from} gets {@code to}
 *       instead; any other line is left as written.
 * </ul>
 *
 * Blank lines are never changed.
 */
final class Indentation {
    private Indentation() {}

    /** The leading whitespace of {@code line}. */
    static String of(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return line.substring(0, i);
    }

    /** {@code line} moved from indentation {@code from} to {@code to} (see the class comment). */
    static String shift(String line, String from, String to) {
        if (from.equals(to) || line.isBlank()) {
            return line;
        }
        if (to.startsWith(from)) {
            return to.substring(from.length()) + line;
        }
        if (from.startsWith(to)) {
            String surplus = from.substring(to.length());
            int cut = 0;
            while (cut < surplus.length() && cut < line.length() && line.charAt(cut) == surplus.charAt(cut)) {
                cut++;
            }
            return line.substring(cut);
        }
        return line.startsWith(from) ? to + line.substring(from.length()) : line;
    }
}
