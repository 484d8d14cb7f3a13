// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs {@link McpServerMain} with {@link TestToolSource} in a child JVM. */
final class ServerProcess {
    private ServerProcess() {}

    static List<String> command(Path repo, String... extra) {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", cp,
                McpServerMain.class.getName(), "--tools", TestToolSource.class.getName(), "--repo", repo.toString()));
        cmd.addAll(List.of(extra));
        return cmd;
    }
}
