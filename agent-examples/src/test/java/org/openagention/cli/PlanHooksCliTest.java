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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --plan} on a repository whose {@code .openagention/settings.json} blocks shell and
 * which defines a subagent in {@code .claude/agents}: the worker, in its own worktree, is held to
 * the project's hooks and can delegate to the subagent, as the solo agent can. A loopback server
 * speaks the Chat Completions format.
 */
class PlanHooksCliTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> workerRequests = new CopyOnWriteArrayList<>();
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

    /**
     * A plan of one task; its worker asks the scout, writes NOTE.txt, tries shell, then says it is
     * done; the reviewer approves.
     */
    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        ObjectNode message = ChatReplies.assistant();
        if (body.contains("You are the scout.")) {
            scoutRequests.add(body);
            message.put("content", "The scout found a README.");
        } else if (body.contains("You review a worker")) {
            message.put("content", "{\"decision\":\"approve\",\"feedback\":\"\"}");
        } else if (body.contains("You plan software work")) {
            message.put("content", "{\"tasks\":[{\"id\":\"note\",\"goal\":\"Write NOTE.txt\",\"dependsOn\":[]}]}");
        } else {
            workerRequests.add(body);
            switch (workerRequests.size()) {
                case 1 -> ChatReplies.toolCall(message, "call_scout", "scout", "{\"prompt\":\"Look around\"}");
                case 2 -> ChatReplies.toolCall(message, "call_write", "write_file", "{\"path\":\"NOTE.txt\",\"content\":\"noted\\n\"}");
                case 3 -> ChatReplies.toolCall(message, "call_shell", "shell", "{\"command\":\"touch shell-ran.txt\"}");
                default -> message.put("content", "NOTE.txt is written.");
            }
        }
        ChatReplies.send(exchange, "chatcmpl-1", message);
    }

    @Test
    void aWorkerHasTheProjectsHooksAndSubagents() throws Exception {
        Path repo = SampleProject.create(dir.resolve("shop"));
        Files.createDirectories(repo.resolve(".openagention"));
        Files.writeString(repo.resolve(".openagention/settings.json"), """
                {"hooks": {"PreToolUse": [{"matcher": "Bash",
                  "hooks": [{"type": "command", "command": "echo \\"no shell in $(basename \\"$PWD\\")\\" >&2; exit 2"}]}]}}
                """);
        Files.createDirectories(repo.resolve(".claude/agents"));
        Files.writeString(repo.resolve(".claude/agents/scout.md"), """
                ---
                name: scout
                description: Looks around a repository and says what is there.
                tools: Read, Glob
                ---
                You are the scout.
                """);
        Git.check(repo, "add", ".claude");
        Git.check(repo, "commit", "-qm", "Add the scout");
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-test",
                "OPENAI_BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                "XDG_CACHE_HOME", dir.resolve("cache").toString());

        Cli.Outcome run = Cli.inProcess(env, "run", "Write a note", "--repo", repo.toString(), "--plan",
                "--model", "openai:gpt-4o-mini", "--approval", "full-access", "--progress", "plain");

        assertThat(run.exitCode()).as("%s\n%s", run.out(), run.err()).isZero();
        assertThat(workerRequests).hasSize(4);
        // The project's subagent is one of the worker's tools, and answered it.
        assertThat(workerRequests.get(0)).contains("\"scout\"", "Looks around a repository");
        assertThat(scoutRequests).hasSize(1);
        assertThat(workerRequests.get(1)).contains("The scout found a README.");
        // The hook ran in the worker's worktree (named after the run and the task), not in the checkout.
        assertThat(workerRequests.get(3)).containsPattern("no shell in orch-[0-9a-f-]+\\.note");
        assertThat(Files.readString(repo.resolve("NOTE.txt"))).isEqualTo("noted\n");
        assertThat(repo.resolve("shell-ran.txt")).doesNotExist();
        assertThat(Git.check(repo, "log", "--format=%s", "main")).contains("Merge task ");
    }
}
