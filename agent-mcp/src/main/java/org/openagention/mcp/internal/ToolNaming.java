// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Names the tools of a server for the model: {@code server__tool}, in the provider-safe form
 * {@code [A-Za-z0-9_-]{1,64}}. Anything else becomes {@code _}; a name too long is cut and ends
 * with a short hash of the full name; a name already taken gets {@code -2}, {@code -3}... so two
 * different tools never share a name. Stateless.
 */
public final class ToolNaming {
    public static final String SEPARATOR = "__";
    static final int MAX = 64;

    private ToolNaming() {}

    /** The provider-safe form of {@code raw}, cut to 64 characters with a hash where needed. */
    public static String sanitise(String raw) {
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            b.append(ok ? c : '_');
        }
        if (b.length() == 0) {
            b.append('_');
        }
        if (b.length() > MAX) {
            String hash = hash(raw);
            b.setLength(MAX - hash.length() - 1);
            b.append('-').append(hash);
        }
        return b.toString();
    }

    /** The prefixed, sanitised name of {@code tool} on {@code server}. */
    public static String prefixed(String server, String tool) {
        return sanitise(server + SEPARATOR + tool);
    }

    /** {@code name}, or the first of {@code name-2}, {@code name-3}... not in {@code taken}. */
    public static String unique(String name, Set<String> taken) {
        if (!taken.contains(name)) {
            return name;
        }
        for (int n = 2; ; n++) {
            String suffix = "-" + n;
            String base = name.length() + suffix.length() > MAX ? name.substring(0, MAX - suffix.length()) : name;
            String candidate = base + suffix;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }

    private static String hash(String raw) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
