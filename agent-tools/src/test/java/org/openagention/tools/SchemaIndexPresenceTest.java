// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build indexed the coding tools' argument schemas (agent-tools' pom, the schema-index
 * execution), so a process making the tools reads them instead of running the schema generator,
 * and each indexed schema is the one the tool announces.
 */
class SchemaIndexPresenceTest {
    private static final List<String> ARGUMENTS = List.of("files.ReadFileTool$Args", "files.WriteFileTool$Args",
            "files.EditFileTool$Args", "files.ApplyPatchTool$Args", "files.ListDirTool$Args", "files.TodoWriteTool$Args",
            "search.GlobTool$Args", "search.GrepTool$Args", "shell.ShellTool$Args");

    @TempDir
    Path dir;

    @Test
    void everyCodingToolsArgumentsAreIndexedWithTheSchemaTheToolAnnounces() throws IOException {
        List<String> announced = CodingTools.all(Workspace.local(dir)).stream().map(t -> t.spec().inputSchemaJson()).toList();
        for (String name : ARGUMENTS) {
            String resource = "META-INF/openagention/schemas/org.openagention.tools." + name + ".json";
            try (InputStream in = SchemaIndexPresenceTest.class.getClassLoader().getResourceAsStream(resource)) {
                assertThat(in).as(resource).isNotNull();
                String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
                assertThat(lines[0]).as("the fingerprint line").startsWith("crc32c:");
                assertThat(announced).as(name).contains(lines[1]);
            }
        }
    }
}
