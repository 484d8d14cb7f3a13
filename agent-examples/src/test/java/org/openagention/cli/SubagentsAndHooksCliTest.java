// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} on a repository with a subagent defined in {@code .claude/agents} and a hook in
 * {@code .openagention/settings.json}: the agent delegates to the subagent (shown nested in the
 * progress and drawn under the parent in the report), and the hook blocks its shell call with a
 * reason the model receives. A loopback server speaks the Chat Completions format.
 */
class SubagentsAndHooksCliTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> mainRequests = new CopyOnWriteArrayList<>();
    private final List<String> scoutRequests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::answer);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        ObjectNode message = ChatReplies.assistant();
        if (body.contains("You are the scout.")) {
            scoutRequests.add(body);
            message.put("content", "The scout found a README and a src folder.");
        } else {
            mainRequests.add(body);
            if (mainRequests.size() == 1) {
                ChatReplies.toolCall(message, "call_scout", "scout", "{\"prompt\":\"Look around the repository\"}");
            } else if (mainRequests.size() == 2) {
                ChatReplies.toolCall(message, "call_shell", "shell", "{\"command\":\"touch shell-ran.txt\"}");
            } else {
                message.put("content", "Done looking.");
            }
        }
        ChatReplies.send(exchange, "chatcmpl-1", message);
    }

    @Test
    void definedSubagentRunsNestedAndAHookBlocksShell() throws Exception {
        Path repo = SampleProject.create(dir.resolve("shop"));
        Files.createDirectories(repo.resolve(".claude/agents"));
        Files.writeString(repo.resolve(".claude/agents/scout.md"), """
                ---
                name: scout
                description: Looks around a repository and says what is there.
                tools: Read, Glob, LS
                model: haiku
                ---
                You are the scout.
                """);
        Files.writeString(repo.resolve(".claude/agents/broken.md"), "no front matter here\n");
        Files.createDirectories(repo.resolve(".openagention"));
        Files.writeString(repo.resolve(".openagention/settings.json"), """
                {"hooks": {"PreToolUse": [{"matcher": "Bash",
                  "hooks": [{"type": "command", "command": "echo 'no shell in this project' >&2; exit 2"}]}]}}
                """);
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-test",
                "OPENAI_BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                "XDG_CACHE_HOME", dir.resolve("cache").toString());

        Cli.Outcome run = Cli.inProcess(env, "run", "What is in this repository?", "--repo", repo.toString(),
                "--model", "openai:gpt-4o-mini", "--approval", "full-access", "--progress", "plain");

        assertThat(run.exitCode()).as("%s\n%s", run.out(), run.err()).isZero();
        assertThat(run.out()).contains("Agents: " + repo.resolve(".claude/agents/broken.md") + ":1:")
                .contains("agent: subagent scout started")
                .contains("agent: subagent scout finished: completed");
        assertThat(scoutRequests).hasSize(1);
        assertThat(scoutRequests.get(0)).contains("Look around the repository").contains("\"read_file\"")
                .doesNotContain("\"shell\"");
        assertThat(mainRequests.get(0)).contains("\"scout\"").contains("Looks around a repository");
        assertThat(mainRequests.get(1)).contains("The scout found a README and a src folder.");
        assertThat(mainRequests.get(2)).contains("no shell in this project");
        assertThat(repo.resolve("shell-ran.txt")).doesNotExist();

        Matcher report = Pattern.compile("Report: (\\S+)").matcher(run.out());
        assertThat(report.find()).as(run.out()).isTrue();
        String html = Files.readString(Path.of(report.group(1)));
        assertThat(html).contains("agent &gt; scout").contains("parentCallId").contains("call_scout");
    }
}
