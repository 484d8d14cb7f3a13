// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.search;

import java.util.List;

/**
 * What one file contributed to a grep: its path relative to the searched directory, the lines to
 * show (matches and their context, in order) and how many lines matched.
 */
record FileMatches(String path, List<Line> lines, int matchCount) {
    FileMatches {
        lines = List.copyOf(lines);
    }

    /** A line to show: 1-based number, text without its line terminator, and whether it matched. */
    record Line(int number, String text, boolean match) {}
}
