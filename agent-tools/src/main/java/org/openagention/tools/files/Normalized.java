// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

/**
 * A text normalised for tolerant matching, with a map from each normalised character back to the
 * character of the original it came from, so that a match found in the normalised text can be
 * cut out of the original.
 */
final class Normalized {
    final String text;
    private final int[] origin;
    private final int originalLength;

    private Normalized(String text, int[] origin, int originalLength) {
        this.text = text;
        this.origin = origin;
        this.originalLength = originalLength;
    }

    /** {@code s} without spaces and tabs at line ends, and with punctuation folded when {@code foldPunctuation}. */
    static Normalized of(String s, boolean foldPunctuation) {
        StringBuilder out = new StringBuilder(s.length());
        int[] origin = new int[s.length() * 3 + 1];
        int n = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || (foldPunctuation && isSpace(c))) {
                int j = i;
                while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t' || (foldPunctuation && isSpace(s.charAt(j))))) {
                    j++;
                }
                if (j == s.length() || s.charAt(j) == '\n' || (s.charAt(j) == '\r' && j + 1 < s.length() && s.charAt(j + 1) == '\n')) {
                    i = j; // trailing whitespace: dropped
                    continue;
                }
            }
            String folded = foldPunctuation ? Punctuation.fold(c) : null;
            String emit = folded != null ? folded : String.valueOf(c);
            for (int k = 0; k < emit.length(); k++) {
                out.append(emit.charAt(k));
                origin[n++] = i;
            }
            i++;
        }
        return new Normalized(out.toString(), java.util.Arrays.copyOf(origin, n), s.length());
    }

    private static boolean isSpace(char c) {
        String f = Punctuation.fold(c);
        return " ".equals(f);
    }

    /** The original index where the normalised character at {@code index} came from. */
    int start(int index) {
        return index < origin.length ? origin[index] : originalLength;
    }

    /** The original index just past the normalised range ending (exclusively) at {@code end}. */
    int end(int end) {
        return end == 0 ? 0 : origin[end - 1] + 1;
    }
}
