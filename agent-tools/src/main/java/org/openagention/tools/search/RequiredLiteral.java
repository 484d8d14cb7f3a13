// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.search;

import java.util.Optional;

/**
 * Finds a literal string that every match of a regular expression must contain, so files and
 * lines without it are skipped before the regex runs. Conservative: any construct it does not
 * fully understand (alternation at the top level, inline flags, quoting) yields no literal.
 */
final class RequiredLiteral {
    private RequiredLiteral() {}

    /** The longest required literal of at least two characters, if one is certain. */
    static Optional<String> of(String regex) {
        if (regex.contains("(?") || regex.matches("(?s).*\\\\[QxuUpPck0-9N].*")) {
            return Optional.empty(); // inline flags, quoting, escapes that take arguments, backreferences
        }
        String best = "";
        StringBuilder run = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '|' && depth == 0) {
                return Optional.empty();
            }
            if (c == '\\' && i + 1 < regex.length()) {
                char e = regex.charAt(++i);
                if (depth == 0 && !Character.isLetterOrDigit(e)) {
                    if (optionalNext(regex, i + 1)) {
                        best = longer(best, run);
                        run.setLength(0);
                    } else {
                        run.append(e);
                    }
                    continue;
                }
                best = longer(best, run);
                run.setLength(0);
                continue;
            }
            if (c == '[') {
                best = longer(best, run);
                run.setLength(0);
                i = skipClass(regex, i);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (depth > 0 || c == ')' || ".^$*?+{}".indexOf(c) >= 0) {
                best = longer(best, run); // "ab+" still requires "ab"; "ab*" never got its "b"
                run.setLength(0);
                if (c == '{') {
                    int close = regex.indexOf('}', i);
                    i = close < 0 ? i : close;
                }
                continue;
            }
            if (optionalNext(regex, i + 1)) {
                best = longer(best, run);
                run.setLength(0);
                continue;
            }
            run.append(c);
        }
        best = longer(best, run);
        return best.length() >= 2 ? Optional.of(best) : Optional.empty();
    }

    private static boolean optionalNext(String regex, int i) {
        return i < regex.length() && (regex.charAt(i) == '*' || regex.charAt(i) == '?' || regex.charAt(i) == '{');
    }

    private static String longer(String best, StringBuilder run) {
        return run.length() > best.length() ? run.toString() : best;
    }

    private static int skipClass(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        for (; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = skipClass(regex, i);
            } else if (c == ']') {
                return i;
            }
        }
        return regex.length();
    }
}
