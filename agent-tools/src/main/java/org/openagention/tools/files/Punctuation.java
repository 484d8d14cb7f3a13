// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

/**
 * Folds the typographic characters that models and word processors swap for ASCII: curly quotes,
 * dashes, non-breaking and other Unicode spaces, the ellipsis.
 */
final class Punctuation {
    private Punctuation() {}

    /** The ASCII text {@code c} stands for, or null when {@code c} is left as it is. */
    static String fold(char c) {
        switch (c) {
            case '\u2018': case '\u2019': case '\u201A': case '\u201B': case '\u2032':
                return "'";
            case '\u201C': case '\u201D': case '\u201E': case '\u201F': case '\u2033':
                return "\"";
            case '\u2010': case '\u2011': case '\u2012': case '\u2013': case '\u2014': case '\u2015': case '\u2212':
                return "-";
            case '\u00A0': case '\u2002': case '\u2003': case '\u2004': case '\u2005': case '\u2006': case '\u2007':
            case '\u2008': case '\u2009': case '\u200A': case '\u202F': case '\u205F': case '\u3000':
                return " ";
            case '\u2026':
                return "...";
            default:
                return null;
        }
    }

    static String fold(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            String f = fold(s.charAt(i));
            if (f != null && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(f != null ? f : String.valueOf(s.charAt(i)));
            }
        }
        return out == null ? s : out.toString();
    }
}
