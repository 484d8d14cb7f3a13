// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.util.List;

/**
 * A journal entry's JSON object, written straight to text: the supervisor writes several entries
 * per task, and building a tree per entry would cost more than the scheduling itself.
 */
final class Payload {
    private final StringBuilder sb = new StringBuilder(160).append('{');

    private Payload key(String key) {
        if (sb.length() > 1) {
            sb.append(',');
        }
        quote(sb, key);
        return this;
    }

    Payload put(String key, String value) {
        key(key).sb.append(':');
        quote(sb, value);
        return this;
    }

    Payload put(String key, long value) {
        key(key).sb.append(':').append(value);
        return this;
    }

    Payload put(String key, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(key + " is not a finite number: " + value);
        }
        key(key).sb.append(':').append(value);
        return this;
    }

    Payload put(String key, boolean value) {
        key(key).sb.append(':').append(value);
        return this;
    }

    Payload put(String key, List<String> values) {
        key(key).sb.append(":[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            quote(sb, values.get(i));
        }
        sb.append(']');
        return this;
    }

    /** Puts JSON that is already text (a task's spec). */
    Payload putJson(String key, String json) {
        key(key).sb.append(':').append(json);
        return this;
    }

    String json() {
        return sb.toString() + '}';
    }

    static void quote(StringBuilder out, String s) {
        out.append('"');
        int i = 0;
        while (i < s.length() && plain(s.charAt(i))) {
            i++;
        }
        out.append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    private static boolean plain(char c) {
        return c >= 0x20 && c != '"' && c != '\\' && c != 0x2028 && c != 0x2029;
    }
}
