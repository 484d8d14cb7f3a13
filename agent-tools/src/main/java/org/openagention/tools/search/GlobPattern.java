// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.search;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Glob syntax, compiled to a regular expression over a relative path with {@code /} separators:
 * {@code *} and {@code ?} stay inside one path segment, {@code **} as a whole segment spans any
 * number of segments, {@code [abc]}, {@code [a-z]} and {@code [!a]} classes, {@code \} escapes,
 * and (when enabled) {@code {a,b}} alternatives. The same rules as gitignore and ripgrep globs.
 */
final class GlobPattern {
    private GlobPattern() {}

    /** Compiles {@code glob}; throws IllegalArgumentException naming the problem. */
    static Pattern compile(String glob, boolean braces, boolean caseInsensitive) {
        String regex = toRegex(glob, braces);
        try {
            return Pattern.compile(regex, caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("glob '" + glob + "' is not valid: " + e.getDescription());
        }
    }

    static String toRegex(String glob, boolean braces) {
        StringBuilder re = new StringBuilder();
        int braceDepth = 0;
        int n = glob.length();
        for (int i = 0; i < n; i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*':
                    if (i + 1 < n && glob.charAt(i + 1) == '*' && (i == 0 || glob.charAt(i - 1) == '/')
                            && (i + 2 == n || glob.charAt(i + 2) == '/')) {
                        if (i + 2 == n) {
                            re.append(".*");
                            i++;
                        } else {
                            re.append("(?:.*/)?");
                            i += 2; // also consumes the following '/'
                        }
                    } else {
                        while (i + 1 < n && glob.charAt(i + 1) == '*') {
                            i++;
                        }
                        re.append("[^/]*");
                    }
                    break;
                case '?':
                    re.append("[^/]");
                    break;
                case '[': {
                    int end = classEnd(glob, i);
                    if (end < 0) {
                        re.append("\\[");
                    } else {
                        re.append(charClass(glob.substring(i + 1, end)));
                        i = end;
                    }
                    break;
                }
                case '\\':
                    if (i + 1 < n) {
                        i++;
                        re.append(Pattern.quote(String.valueOf(glob.charAt(i))));
                    } else {
                        re.append("\\\\");
                    }
                    break;
                case '{':
                    if (braces) {
                        braceDepth++;
                        re.append("(?:");
                    } else {
                        re.append("\\{");
                    }
                    break;
                case '}':
                    if (braces && braceDepth > 0) {
                        braceDepth--;
                        re.append(')');
                    } else {
                        re.append("\\}");
                    }
                    break;
                case ',':
                    re.append(braces && braceDepth > 0 ? "|" : ",");
                    break;
                default:
                    if ("().+^$|".indexOf(c) >= 0) {
                        re.append('\\');
                    }
                    re.append(c);
            }
        }
        if (braceDepth > 0) {
            throw new IllegalArgumentException("glob '" + glob + "' has an unclosed '{'");
        }
        return re.toString();
    }

    private static int classEnd(String glob, int open) {
        int i = open + 1;
        if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
            i++;
        }
        if (i < glob.length() && glob.charAt(i) == ']') {
            i++;
        }
        return glob.indexOf(']', i);
    }

    private static String charClass(String body) {
        StringBuilder re = new StringBuilder("[");
        int i = 0;
        if (!body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^')) {
            re.append('^');
            i = 1;
        }
        for (; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' || c == '[' || c == ']' || c == '&' || c == '^') {
                re.append('\\');
            }
            re.append(c);
        }
        if (re.charAt(1) == '^') {
            re.append("/");
        }
        return re.append(']').toString();
    }
}
