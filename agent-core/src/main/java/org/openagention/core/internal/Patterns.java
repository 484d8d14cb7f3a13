// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Schema patterns (ECMA-262 regular expressions) compiled for {@code java.util.regex}, cached. The
 * two dialects agree on what schemas commonly use; where they differ in spelling, the ECMA form is
 * rewritten: Unicode properties by long name ({@code \p{Letter}}, {@code \p{Script=Greek}}).
 */
final class Patterns {
    private static final int CACHE_LIMIT = 1024;
    private static final Pattern PROPERTY = Pattern.compile("\\\\([pP])\\{([A-Za-z_]+)(?:=([A-Za-z_]+))?\\}");
    private static final Map<String, String> CATEGORIES = Map.ofEntries(
            Map.entry("Letter", "L"), Map.entry("Cased_Letter", "LC"), Map.entry("Uppercase_Letter", "Lu"),
            Map.entry("Lowercase_Letter", "Ll"), Map.entry("Titlecase_Letter", "Lt"), Map.entry("Modifier_Letter", "Lm"),
            Map.entry("Other_Letter", "Lo"), Map.entry("Mark", "M"), Map.entry("Nonspacing_Mark", "Mn"),
            Map.entry("Spacing_Mark", "Mc"), Map.entry("Enclosing_Mark", "Me"), Map.entry("Number", "N"),
            Map.entry("Decimal_Number", "Nd"), Map.entry("digit", "Nd"), Map.entry("Letter_Number", "Nl"),
            Map.entry("Other_Number", "No"), Map.entry("Punctuation", "P"), Map.entry("Symbol", "S"),
            Map.entry("Math_Symbol", "Sm"), Map.entry("Currency_Symbol", "Sc"), Map.entry("Separator", "Z"),
            Map.entry("Space_Separator", "Zs"), Map.entry("Other", "C"), Map.entry("Control", "Cc"),
            Map.entry("Format", "Cf"), Map.entry("Private_Use", "Co"), Map.entry("Unassigned", "Cn"));
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();
    private static final Pattern INVALID = Pattern.compile("");

    private Patterns() {}

    /** The compiled pattern, or null when Java cannot compile it. */
    static Pattern compile(String regex) {
        Pattern cached = CACHE.get(regex);
        if (cached == null) {
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            cached = CACHE.computeIfAbsent(regex, Patterns::translate);
        }
        return cached == INVALID ? null : cached;
    }

    private static Pattern translate(String regex) {
        Matcher m = PROPERTY.matcher(regex);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(2);
            String value = m.group(3);
            String java;
            if (value == null) {
                java = CATEGORIES.getOrDefault(name, name);
            } else if (name.equals("Script") || name.equals("sc") || name.equals("Script_Extensions")
                    || name.equals("scx")) {
                java = "Is" + value;
            } else {
                java = CATEGORIES.getOrDefault(value, value);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement("\\" + m.group(1) + "{" + java + "}"));
        }
        m.appendTail(sb);
        try {
            return Pattern.compile(sb.toString());
        } catch (PatternSyntaxException e) {
            return INVALID;
        }
    }
}
