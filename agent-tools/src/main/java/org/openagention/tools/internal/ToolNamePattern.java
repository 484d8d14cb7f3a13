// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.internal;

import java.util.regex.Pattern;

/** Glob patterns on tool names: {@code *} any run of characters, {@code ?} one, {@code {a,b}} either. */
public final class ToolNamePattern {
    private ToolNamePattern() {}

    /** The regular expression that matches exactly the names {@code glob} matches. */
    public static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        int depth = 0;
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '{' -> {
                    re.append("(?:");
                    depth++;
                }
                case '}' -> {
                    if (depth == 0) {
                        throw new IllegalArgumentException("glob '" + glob + "' has a '}' without its '{'");
                    }
                    re.append(')');
                    depth--;
                }
                case ',' -> re.append(depth > 0 ? "|" : ",");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("glob '" + glob + "' has a '{' without its '}'");
        }
        return Pattern.compile(re.toString());
    }
}
