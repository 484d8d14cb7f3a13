// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.context;

/**
 * Where to cut a long text so that its head and tail stay: each gets at most half the character
 * budget and half the line budget. A line longer than its half is cut inside the line (never
 * between the two halves of a surrogate pair). Whatever lies between {@link #headEnd} and
 * {@link #tailStart} is omitted; it is never empty when the text is over either budget.
 */
record HeadTail(String text, int headEnd, int tailStart) {

    /** Whether {@code text} fits within {@code maxChars} characters and {@code maxLines} lines. */
    static boolean fits(String text, int maxChars, int maxLines) {
        return text.length() <= maxChars && lines(text) <= maxLines;
    }

    static HeadTail cut(String text, int maxChars, int maxLines) {
        int charHalf = Math.max(1, maxChars / 2);
        int lineHalf = Math.max(1, maxLines / 2);
        int headEnd = headEnd(text, charHalf, lineHalf);
        int tailStart = Math.max(headEnd, tailStart(text, headEnd, charHalf, lineHalf));
        return new HeadTail(text, headEnd, tailStart);
    }

    private static int headEnd(String text, int charBudget, int lineBudget) {
        int pos = 0;
        int lines = 0;
        while (lines < lineBudget && pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl + 1;
            if (end > charBudget) {
                if (lines == 0) {
                    pos = safeCut(text, charBudget);
                }
                break;
            }
            pos = end;
            lines++;
        }
        return pos;
    }

    private static int tailStart(String text, int floor, int charBudget, int lineBudget) {
        int len = text.length();
        int pos = len;
        int lines = 0;
        while (lines < lineBudget && pos > floor) {
            int start = pos >= 2 ? text.lastIndexOf('\n', pos - 2) + 1 : 0;
            if (len - start > charBudget || start < floor) {
                if (lines == 0) {
                    pos = Math.max(floor, safeCut(text, len - charBudget));
                }
                break;
            }
            pos = start;
            lines++;
        }
        return pos;
    }

    /** {@code index}, moved back one if it would split a surrogate pair. */
    private static int safeCut(String text, int index) {
        if (index > 0 && index < text.length() && Character.isHighSurrogate(text.charAt(index - 1))
                && Character.isLowSurrogate(text.charAt(index))) {
            return index - 1;
        }
        return index;
    }

    /** The number of lines: newlines, plus one for a last line without one. */
    static int lines(String text) {
        return lines(text, 0, text.length());
    }

    static int lines(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        if (to > from && text.charAt(to - 1) != '\n') {
            n++;
        }
        return n;
    }

    String head() {
        return text.substring(0, headEnd);
    }

    String tail() {
        return text.substring(tailStart);
    }

    int omittedChars() {
        return tailStart - headEnd;
    }

    int omittedLines() {
        return lines(text, headEnd, tailStart);
    }

    /** Head, a marker line, and tail, with line breaks so that the marker stands on its own line. */
    String join(String marker) {
        StringBuilder sb = new StringBuilder(headEnd + marker.length() + (text.length() - tailStart) + 2);
        sb.append(text, 0, headEnd);
        if (headEnd > 0 && text.charAt(headEnd - 1) != '\n') {
            sb.append('\n');
        }
        sb.append(marker).append('\n');
        sb.append(text, tailStart, text.length());
        return sb.toString();
    }
}
