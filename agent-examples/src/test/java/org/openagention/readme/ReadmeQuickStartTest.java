// SPDX-License-Identifier: Apache-2.0
package org.openagention.readme;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start compiles as written and runs: the block is taken from README.md,
 * compiled with the JDK's compiler, and run in a child JVM whose environment points
 * {@code OPENAI_BASE_URL} at a loopback server speaking the Chat Completions format.
 */
class ReadmeQuickStartTest {
    @TempDir
    Path tmp;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private static final String TOOL_CALL = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
             "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
               "tool_calls":[{"id":"call_1","type":"function",
                 "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]}}],
             "usage":{"prompt_tokens":50,"completion_tokens":10,"total_tokens":60}}""";

    private static final String ANSWER = """
            {"id":"chatcmpl-2","object":"chat.completion","created":2,"model":"gpt-4o-mini",
             "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant",
               "content":"It is sunny in Paris, 21 C."}}],
             "usage":{"prompt_tokens":80,"completion_tokens":9,"total_tokens":89}}""";

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(body);
            byte[] answer = (requests.size() == 1 ? TOOL_CALL : ANSWER).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    static String quickStartSource() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = Pattern.compile("<!-- quickstart -->\\s*```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README.md has a ```java block after <!-- quickstart -->").isTrue();
        return m.group(1);
    }

    @Test
    void quickStartIsAboutTwentyLines() throws IOException {
        long lines = quickStartSource().lines().filter(l -> !l.isBlank()).count();
        assertThat(lines).isLessThanOrEqualTo(25);
    }

    @Test
    void quickStartCompilesAndRunsAgainstAnOpenAiCompatibleServer() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Files.writeString(src.resolve("QuickStart.java"), quickStartSource());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), src.resolve("QuickStart.java").toString());
        assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp",
                classes + java.io.File.pathSeparator + System.getProperty("java.class.path"), "QuickStart")
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("ANTHROPIC_") || k.startsWith("OPENAI_"));
        pb.environment().put("OPENAI_API_KEY", "sk-test-quickstart");
        pb.environment().put("OPENAI_BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
        pb.environment().put("OPENAGENTION_MODEL", "gpt-4o-mini");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("It is sunny in Paris, 21 C.").contains("[COMPLETED, 149 tokens]");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0)).contains("\"get_weather\"").contains("What's the weather in Paris?");
        assertThat(requests.get(1)).contains("Sunny, 21 C in Paris");
    }
}
