// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The short key a run's worktrees are named by: the run id when it is made of letters, digits,
 * {@code -} and {@code _} and is at most 30 characters, otherwise a readable part of it and a
 * checksum. Never contains a dot, so {@code <key>.} prefixes one run's worktrees and no other's.
 */
final class RunKeys {
    private static final int MAX = 30;

    private RunKeys() {}

    static String of(String runId) {
        StringBuilder clean = new StringBuilder();
        for (char c : runId.toCharArray()) {
            clean.append(c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_') ? c : '-');
        }
        boolean exact = clean.toString().equals(runId) && !runId.isEmpty() && runId.length() <= MAX
                && Character.isLetterOrDigit(runId.charAt(0));
        if (exact) {
            return runId;
        }
        CRC32 crc = new CRC32();
        crc.update(runId.getBytes(StandardCharsets.UTF_8));
        String head = clean.length() > MAX - 9 ? clean.substring(0, MAX - 9) : clean.toString();
        return "r" + head + "-" + String.format("%08x", crc.getValue());
    }
}
