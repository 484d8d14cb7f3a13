// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that may reach a log line, an exception message or an event: the
 * exact secrets it was given, and anything shaped like a provider API key ({@code sk-...},
 * {@code sk-ant-...}, {@code sk-proj-...}, even partly masked as providers echo them). Immutable.
 */
public final class Redactor {
    private static final Pattern KEY_SHAPED = Pattern.compile("\\bsk-[A-Za-z0-9_*.\\-]{6,}");
    private static final String MASK = "[REDACTED]";

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    /** A redactor for {@code secrets}; null and very short (under 4 chars) values are ignored. */
    public static Redactor of(String... secrets) {
        List<String> kept = new ArrayList<>();
        for (String s : secrets) {
            if (s != null && s.length() >= 4) {
                kept.add(s);
            }
        }
        return new Redactor(kept);
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            if (out.contains(s)) {
                out = out.replace(s, MASK);
            }
        }
        if (out.contains("sk-")) {
            out = KEY_SHAPED.matcher(out).replaceAll(MASK);
        }
        return out;
    }
}
