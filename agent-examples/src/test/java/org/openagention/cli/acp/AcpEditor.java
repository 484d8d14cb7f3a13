// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli.acp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openagention.cli.ScriptedChat;
import org.openagention.cli.OpenAgentionCli;

/**
 * The scripted editor ({@code acp-editor.mjs}, on the ACP TypeScript SDK from npm) driving
 * {@code openagention acp} in a child JVM. The SDK is looked for in
 * {@code $OPENAGENTION_ACP_CLIENT}, else {@code ~/.cache/openagention/acp-client}, where
 * {@code .ci/install-acp-client.sh} puts it; without it (or node) the test is skipped, except in
 * CI ({@code CI=true}), where that fails it.
 */
final class AcpEditor {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the editor saw in one phase: each line the script printed, as {kind, value}. */
    record Log(List<JsonNode> lines) {
        List<JsonNode> all(String kind) {
            return lines.stream().filter(l -> l.path("kind").asText().equals(kind)).map(l -> l.path("value")).toList();
        }

        JsonNode first(String kind) {
            List<JsonNode> found = all(kind);
            assertThat(found).as("a '%s' line in the editor's log:\n%s", kind, lines).isNotEmpty();
            return found.get(0);
        }

        /** The session/update notifications' updates of one kind. */
        List<JsonNode> updates(String sessionUpdate) {
            return all("update").stream().map(u -> u.path("update"))
                    .filter(u -> u.path("sessionUpdate").asText().equals(sessionUpdate)).toList();
        }

        String text(String sessionUpdate) {
            StringBuilder b = new StringBuilder();
            updates(sessionUpdate).forEach(u -> b.append(u.path("content").path("text").asText()));
            return b.toString();
        }
    }

    private AcpEditor() {}

    static Path sdkDir() {
        String configured = System.getenv("OPENAGENTION_ACP_CLIENT");
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "openagention", "acp-client");
        boolean ok = Files.isRegularFile(dir.resolve("node_modules/@agentclientprotocol/sdk/package.json"))
                && Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .anyMatch(p -> Files.isExecutable(Path.of(p, "node")));
        if (!ok) {
            String why = "node or @agentclientprotocol/sdk is missing in " + dir
                    + " (bash .ci/install-acp-client.sh installs it)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(why + ", and CI=true requires the ACP test to run");
            }
            Assumptions.abort(why + ": skipping the ACP end-to-end test");
        }
        return dir;
    }

    static Log run(String phase, Path workspace, ScriptedChat model, Map<String, String> extraEnv)
            throws IOException, InterruptedException {
        Path dir = sdkDir();
        Path script = Files.createDirectories(dir.resolve("openagention-fixtures")).resolve("acp-editor.mjs");
        try (InputStream in = AcpEditor.class.getResourceAsStream("acp-editor.mjs")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> agent = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OpenAgentionCli.class.getName(), "acp");
        ProcessBuilder pb = new ProcessBuilder("node", script.toString(), phase)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().remove("ANTHROPIC_API_KEY");
        pb.environment().remove("OPENAGENTION_MODEL");
        pb.environment().put("OPENAI_BASE_URL", model.baseUrl());
        pb.environment().put("OPENAI_API_KEY", "test-key");
        pb.environment().put("WORKSPACE", workspace.toString());
        pb.environment().put("AGENT_COMMAND", JSON.writeValueAsString(agent));
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the scripted editor did not finish in 3 minutes");
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        Log log = new Log(lines);
        assertThat(log.all("error")).as("errors the editor saw").isEmpty();
        assertThat(log.first("agent-exit").asInt()).as("the agent's exit code").isZero();
        return log;
    }
}
