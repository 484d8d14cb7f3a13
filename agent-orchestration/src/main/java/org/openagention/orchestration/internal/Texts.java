// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

/** Short forms of failures and texts for reports, journal reasons and prompts. */
final class Texts {
    private Texts() {}

    /** The exception's type and message, such as {@code IllegalStateException: the sandbox crashed}. */
    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** The first line of {@code text}, stripped and cut at 300 characters. */
    static String firstLine(String text) {
        String s = text.strip();
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** The first {@code max} non-blank lines of {@code text}, stripped, each cut at 600 characters. */
    static String firstLines(String text, int max) {
        StringBuilder out = new StringBuilder();
        int kept = 0;
        for (String line : text.strip().split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            if (kept == max) {
                out.append("\n...");
                break;
            }
            out.append(kept++ == 0 ? "" : "\n").append(line.length() > 600 ? line.substring(0, 600) + "..." : line.strip());
        }
        return out.toString();
    }
}
