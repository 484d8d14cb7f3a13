// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.shell;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Builds a command's environment: the parent's, minus anything that looks like a secret. */
final class Environments {
    /** Name fragments (upper case) that mark a variable as a secret. */
    static final List<String> SECRET_FRAGMENTS = List.of(
            "KEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "PASSPHRASE", "CREDENTIAL", "PRIVATE", "AUTH",
            "COOKIE", "_PAT");
    /** Name prefixes (upper case) of cloud and CI providers whose variables are all sensitive. */
    static final List<String> SECRET_PREFIXES = List.of(
            "AWS_", "AZURE_", "ARM_", "GCP_", "GOOGLE_", "GCLOUD_", "CLOUDSDK_", "DIGITALOCEAN_", "HEROKU_",
            "VAULT_", "NPM_CONFIG_", "OPENAI_", "ANTHROPIC_", "HF_", "HUGGING");

    private Environments() {}

    /** Whether a variable of this name is dropped unless allowed. */
    static boolean looksSecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (String prefix : SECRET_PREFIXES) {
            if (upper.startsWith(prefix)) {
                return true;
            }
        }
        for (String fragment : SECRET_FRAGMENTS) {
            if (upper.contains(fragment)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The environment for a command: {@code parent} without secret-looking names (unless in
     * {@code allowed}), with pagers disabled so nothing waits for a terminal, then {@code extra}.
     */
    static Map<String, String> build(Map<String, String> parent, Set<String> allowed, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        parent.forEach((name, value) -> {
            if (allowed.contains(name) || !looksSecret(name)) {
                env.put(name, value);
            }
        });
        env.put("PAGER", "cat");
        env.put("GIT_PAGER", "cat");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.putAll(extra);
        return env;
    }
}
