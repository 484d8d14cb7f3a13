// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvExpansionTest {
    private final EnvExpansion env = new EnvExpansion(Map.of("USER", "ada", "EMPTY", "", "PORT", "8080"));

    @Test
    void replacesVariablesAndDefaults() {
        assertThat(env.expand("${USER}@${HOST:-localhost}:${PORT}", "w")).isEqualTo("ada@localhost:8080");
        assertThat(env.expand("no references", "w")).isEqualTo("no references");
        assertThat(env.expand("${MISSING:-}", "w")).isEmpty();
    }

    @Test
    void anEmptyVariableTakesTheDefaultButIsKeptWithoutOne() {
        assertThat(env.expand("${EMPTY:-fallback}", "w")).isEqualTo("fallback");
        assertThat(env.expand("[${EMPTY}]", "w")).isEqualTo("[]");
    }

    @Test
    void dollarsThatAreNotReferencesStay() {
        assertThat(env.expand("cost $5, $$HOME, trailing $", "w")).isEqualTo("cost $5, $HOME, trailing $");
    }

    @Test
    void problemsNameWhereAndWhat() {
        assertThatThrownBy(() -> env.expand("${NOPE}", "server 'a', field 'url'"))
                .hasMessageContaining("server 'a', field 'url'").hasMessageContaining("NOPE is not set");
        assertThatThrownBy(() -> env.expand("${USER", "w")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> env.expand("${1BAD}", "w")).hasMessageContaining("does not name an environment variable");
    }
}
