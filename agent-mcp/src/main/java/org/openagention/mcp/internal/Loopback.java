// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import java.net.URI;
import java.util.Locale;

/**
 * Whether a request's {@code Origin} or {@code Host} names this machine, the defence of a loopback
 * server against DNS rebinding: a page on another site cannot make a browser talk to it. An
 * absent header passes (non-browser clients send none).
 */
final class Loopback {
    private Loopback() {}

    static boolean origin(String origin) {
        if (origin == null || origin.isBlank()) {
            return true;
        }
        try {
            String host = URI.create(origin.trim()).getHost();
            if (host == null) {
                return false;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean host(String host) {
        if (host == null || host.isBlank()) {
            return true;
        }
        return origin("http://" + host.trim());
    }
}
