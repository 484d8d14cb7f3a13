// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.tool;

/** The rule every provider applies to tool names. */
final class ToolNames {
    private ToolNames() {}

    static boolean isValid(String name) {
        if (name.isEmpty() || name.length() > 64) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
