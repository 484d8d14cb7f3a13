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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} without {@code --plan}: the single coding agent gets the repository's AGENTS.md in
 * its instructions, and a long tool output is capped for the model with the full text kept in the
 * repository's {@code .openagention/tool-output}. The CLI runs as a child process against a
 * loopback server speaking the Chat Completions format.
 */
class SoloRunTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

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

    /** First turn: run a command that prints 5,000 lines; second turn: answer. */
    private void answer(HttpExchange exchange) throws IOException {
        requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        ObjectNode message = ChatReplies.assistant();
        if (requests.size() == 1) {
            ChatReplies.toolCall(message, "call_1", "shell", "{\"command\":\"seq 1 5000\"}");
        } else {
            message.put("content", "The numbers run from 1 to 5000.");
        }
        ChatReplies.send(exchange, "chatcmpl-" + requests.size(), message);
    }

    @Test
    void soloAgentReadsProjectInstructionsAndCapsLongToolOutput() throws Exception {
        Path repo = SampleProject.create(dir.resolve("shop"));
        Files.writeString(repo.resolve("AGENTS.md"), "Run the tests with java tests/RunTests.java before finishing.\n");
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-test",
                "OPENAI_BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                "XDG_CACHE_HOME", dir.resolve("cache").toString()); // checkpoints go there, not to ~/.cache

        Cli.Outcome run = Cli.child(dir, env, "run", "How far do the numbers go?", "--repo", repo.toString(),
                "--model", "openai:gpt-4o-mini", "--approval", "full-access", "--progress", "plain");

        assertThat(run.exitCode()).as("%s\n%s", run.out(), run.err()).isZero();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0)).contains("Run the tests with java tests/RunTests.java before finishing.");
        String toolMessage = requests.get(1);
        assertThat(toolMessage).contains("omitted").contains(".openagention/tool-output/").doesNotContain("\\n2500\\n");
        Path spill = repo.resolve(".openagention/tool-output");
        try (Stream<Path> files = Files.list(spill)) {
            List<Path> spilled = files.toList();
            assertThat(spilled).hasSize(1);
            assertThat(Files.readString(spilled.get(0))).contains("\n2500\n").contains("\n5000\n");
        }
        assertThat(dir.resolve("cache/openagention/checkpoints")).as("a checkpoint was taken before the shell call")
                .isDirectory();
        assertThat(Git.check(repo, "status", "--porcelain")).as(".openagention stays out of git status")
                .doesNotContain(".openagention");
    }
}
