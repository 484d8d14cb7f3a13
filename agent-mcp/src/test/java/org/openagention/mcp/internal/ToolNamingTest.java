// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolNamingTest {
    @Test
    void prefixesToolsWithTheirServer() {
        assertThat(ToolNaming.prefixed("everything", "echo")).isEqualTo("everything__echo");
        assertThat(ToolNaming.prefixed("fs", "read_text_file")).isEqualTo("fs__read_text_file");
    }

    @Test
    void replacesCharactersProvidersRefuse() {
        assertThat(ToolNaming.prefixed("my server", "files/read.v2")).isEqualTo("my_server__files_read_v2");
        assertThat(ToolNaming.sanitise("日本")).isEqualTo("__");
        assertThat(ToolNaming.sanitise("")).isEqualTo("_");
    }

    @Test
    void cutsLongNamesTo64WithAHashThatKeepsThemApart() {
        String longTool = "a".repeat(80);
        String one = ToolNaming.prefixed("server", longTool);
        String two = ToolNaming.prefixed("server", longTool + "b");
        assertThat(one).hasSize(64).matches("[A-Za-z0-9_-]{64}").startsWith("server__aaa");
        assertThat(two).hasSize(64).isNotEqualTo(one);
        assertThat(ToolNaming.prefixed("server", longTool)).as("stable").isEqualTo(one);
    }

    @Test
    void namesThatCollideAfterSanitisingGetSuffixes() {
        String first = ToolNaming.prefixed("s", "a.b");
        String second = ToolNaming.prefixed("s", "a_b");
        assertThat(first).isEqualTo(second);
        assertThat(ToolNaming.unique(second, Set.of(first))).isEqualTo("s__a_b-2");
        assertThat(ToolNaming.unique(second, Set.of(first, "s__a_b-2"))).isEqualTo("s__a_b-3");
        assertThat(ToolNaming.unique("free", Set.of(first))).isEqualTo("free");
        String full = "x".repeat(64);
        assertThat(ToolNaming.unique(full, Set.of(full))).hasSize(64).endsWith("-2");
    }
}
