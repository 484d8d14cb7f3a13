// SPDX-License-Identifier: Apache-2.0
package org.openagention.otel.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Takes secrets out of captured content before it goes on a span: each configured secret (and the
 * API keys in the standard environment variables) wherever it appears, and anything shaped like a
 * well-known API key or bearer token. Immutable and thread-safe.
 */
public final class Redaction {
    static final String MASK = "[REDACTED]";
    /** Key shapes: OpenAI and Anthropic ({@code sk-...}), AWS access keys, GitHub and Slack tokens, bearer tokens. */
    private static final Pattern KEY_SHAPES = Pattern.compile(
            "sk-(?:ant-)?[A-Za-z0-9_\\-]{16,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{20,}|xox[abprs]-[A-Za-z0-9\\-]{10,}"
                    + "|(?i:bearer)\\s+[A-Za-z0-9._~+/\\-]{8,}=*");
    private static final List<String> KEY_VARIABLES = List.of("ANTHROPIC_API_KEY", "OPENAI_API_KEY");

    private final List<String> secrets;

    private Redaction(List<String> secrets) {
        List<String> sorted = new ArrayList<>(secrets);
        sorted.sort(Comparator.comparingInt(String::length).reversed()); // a secret containing another goes first
        this.secrets = List.copyOf(sorted);
    }

    /** Redacts {@code secrets} (blank ones ignored) and the keys in the standard environment variables. */
    public static Redaction of(List<String> secrets) {
        List<String> all = new ArrayList<>();
        for (String s : secrets) {
            if (s != null && s.strip().length() >= 4) {
                all.add(s.strip());
            }
        }
        for (String name : KEY_VARIABLES) {
            String v = System.getenv(name);
            if (v != null && v.strip().length() >= 4) {
                all.add(v.strip());
            }
        }
        return new Redaction(all);
    }

    public String redact(String text) {
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return KEY_SHAPES.matcher(out).replaceAll(MASK);
    }
}
