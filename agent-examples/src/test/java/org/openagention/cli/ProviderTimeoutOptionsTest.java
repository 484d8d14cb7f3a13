// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --idle-timeout/--request-timeout/--connect-timeout}: a provider that accepts the call
 * and never answers ends the run within the timeouts given, and the output names the timeout.
 */
class ProviderTimeoutOptionsTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch silence = new CountDownLatch(1);

    @BeforeEach
    void startSilentServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                silence.await(30, TimeUnit.SECONDS); // accepts the call, then says nothing
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        silence.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void aSilentProviderEndsTheRunWithTheTimeoutNamed() throws Exception {
        Path repo = SampleProject.create(dir.resolve("shop"));
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-test",
                "OPENAI_BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                "XDG_CACHE_HOME", dir.resolve("cache").toString());

        Cli.Outcome run = Cli.inProcess(env, "run", "Fix it", "--repo", repo.toString(), "--model",
                "openai:gpt-4o-mini", "--approval", "full-access", "--progress", "plain",
                "--idle-timeout", "300ms", "--request-timeout", "1s", "--connect-timeout", "5s");

        assertThat(run.exitCode()).as("%s\n%s", run.out(), run.err()).isEqualTo(1);
        assertThat(run.out() + run.err()).containsPattern("the (idle|request) timeout fired after (300 ms|1 s)");
    }

    @Test
    void aZeroTimeoutIsBadInput() {
        Cli.Outcome run = Cli.inProcess(Map.of(), "run", "Fix it", "--repo", dir.toString(), "--idle-timeout", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--idle-timeout must be longer than 0");
    }
}
