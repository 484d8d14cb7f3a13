// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's training run does what it says: every scenario runs its command to a successful
 * end, so the archive holds the classes of every command. A scenario that broke (a renamed option,
 * say) would silently leave its command's classes out of the archive; here it fails.
 */
class StartupTrainingTest {
    @TempDir
    Path dir;

    @Test
    void everyScenarioRunsItsCommandToASuccessfulEnd() throws Exception {
        List<StartupTraining.Scenario> scenarios = StartupTraining.scenarios(dir);
        assertThat(scenarios).extracting(s -> s.name)
                .contains("--version", "--help", "mcp-server --help", "run --help", "mcp-server", "run");
        InputStream in = System.in;
        try {
            for (StartupTraining.Scenario s : scenarios) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                int status = s.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
                String out = bytes.toString(StandardCharsets.UTF_8);
                assertThat(status).as("%s:%n%s", s.name, out).isZero();
                if (s.name.equals("mcp-server")) {
                    assertThat(out).as("initialize, tools/list and two calls answered")
                            .contains("\"id\":1", "\"id\":2", "\"read_file\"", "\"id\":3", "\"id\":4", "A scratch project");
                }
                if (s.name.equals("run")) {
                    assertThat(out).contains("A scratch project.");
                }
            }
        } finally {
            System.setIn(in);
        }
    }

    @Test
    void commandNamesComeFromTheCliItself() {
        assertThat(StartupTraining.commandNames()).contains("run", "demo", "report", "mcp-server", "help");
    }
}
