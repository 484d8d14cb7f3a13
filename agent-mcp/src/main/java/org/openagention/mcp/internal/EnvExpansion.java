// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import java.util.Map;
import java.util.function.Function;

/**
 * Expands {@code ${NAME}} and {@code ${NAME:-default}} in manifest values from an injected
 * environment. {@code $$} stands for a literal {@code $}. Stateless and thread-safe.
 */
public final class EnvExpansion {
    private final Map<String, String> env;

    public EnvExpansion(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /**
     * The value with every reference replaced.
     *
     * @param where names the value for error messages ({@code server 'x', field 'args[1]'})
     * @throws IllegalArgumentException naming {@code where} and the variable when a variable is
     *     unset and has no default, or a reference is not closed
     */
    public String expand(String value, String where) {
        return expand(value, where, env::get);
    }

    static String expand(String value, String where, Function<String, String> lookup) {
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c != '$' || i + 1 >= value.length()) {
                out.append(c);
                i++;
            } else if (value.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (value.charAt(i + 1) == '{') {
                int end = value.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException(where + ": '${' at position " + i + " is not closed by '}' in \"" + value + "\"");
                }
                out.append(resolve(value.substring(i + 2, end), where, lookup));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String resolve(String reference, String where, Function<String, String> lookup) {
        int sep = reference.indexOf(":-");
        String name = sep < 0 ? reference : reference.substring(0, sep);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException(where + ": '${" + reference + "}' does not name an environment variable");
        }
        String found = lookup.apply(name);
        if (found != null && !(sep >= 0 && found.isEmpty())) {
            return found;
        }
        if (sep >= 0) {
            return reference.substring(sep + 2);
        }
        throw new IllegalArgumentException(where + ": environment variable " + name
                + " is not set (write ${" + name + ":-default} to give a default)");
    }
}
