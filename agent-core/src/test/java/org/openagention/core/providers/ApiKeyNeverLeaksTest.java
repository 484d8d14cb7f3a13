// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.AgentEvent;
import org.openagention.core.RetryPolicy;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.model.Model;
import org.openagention.core.providers.LoopbackServer.Reply;
import org.openagention.core.testing.FakeSleeper;
import org.openagention.core.testing.RecordingListener;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

/**
 * Runs failing and succeeding calls with a known fake key and scans every output the library
 * produces (events, journal, logs on stderr, exceptions and their stack traces, results) for it.
 */
class ApiKeyNeverLeaksTest {
    private static final String KEY = "sk-proj-LEAKCANARY0123456789abcdefXYZ";
    record Lookup(String city) {}

    private final LoopbackServer server = new LoopbackServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theKeyAppearsInNoLogEventJournalExceptionOrResult(@TempDir Path dir) {
        JournalStore journal = JournalStore.file(dir);
        RecordingListener events = new RecordingListener();
        Model model = OpenAiModel.builder().apiKey(KEY).baseUrl(server.baseUrl()).model("gpt-4o-mini")
                .http(h -> h.retryPolicy(RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ofMillis(1)).build())
                        .sleeper(new FakeSleeper()))
                .build();
        Tool lookup = Tool.readOnly("lookup", "Looks up a city.", Lookup.class, (a, c) -> ToolResult.success("ok"));
        Agent agent = Agent.builder().model(model).addTool(lookup).addListener(events).build();
        RunOptions journaled = RunOptions.builder().journal(journal).build();
        RunOptions streamed = journaled.toBuilder().streaming(true).build();
        String echo = "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + " (Bearer " + KEY
                + ")\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";

        List<RunResult> results = new ArrayList<>();
        List<Throwable> thrown = new ArrayList<>();
        String logs = captureStderr(() -> {
            // 1. the provider rejects the key and echoes it back
            server.enqueue(Reply.json(401, echo));
            results.add(agent.run("first", journaled));
            // 2. server errors, retried and logged, then given up
            server.enqueue(Reply.json(500, echo)).enqueue(Reply.json(503, echo));
            results.add(agent.run("second", journaled));
            // 3. a stream cut mid-way, and an error event carrying the key
            String sse = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n"
                    + "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" there\"}}]}\n\n";
            server.enqueue(Reply.sse(sse).cutAfter(sse.length() - 10));
            results.add(agent.run("third", streamed));
            server.enqueue(Reply.sse("data: " + echo + "\n\n"));
            results.add(agent.run("fourth", streamed));
            // 4. a successful run with a tool call
            server.enqueue(Reply.json(OpenAiAgentEndToEndTest.toolCallJson("1", "Oslo")))
                    .enqueue(Reply.json(OpenAiAgentEndToEndTest.answerJson("Done.")));
            results.add(agent.run("fifth", journaled));
            // 5. a direct call that throws
            server.enqueue(Reply.json(403, echo));
            try {
                model.complete(org.openagention.core.model.ModelRequest.builder()
                        .addMessage(org.openagention.core.message.Message.user("x")).build());
            } catch (RuntimeException e) {
                thrown.add(e);
            }
        });

        assertThat(results).extracting(RunResult::stopReason).containsExactly(StopReason.MODEL_ERROR,
                StopReason.MODEL_ERROR, StopReason.MODEL_ERROR, StopReason.MODEL_ERROR, StopReason.COMPLETED);
        assertThat(thrown).hasSize(1);
        assertThat(server.received()).allMatch(r -> ("Bearer " + KEY).equals(r.header("authorization")));

        StringBuilder everything = new StringBuilder(logs);
        for (AgentEvent e : events.events()) {
            everything.append(e).append('\n');
            if (e instanceof AgentEvent.ErrorOccurred err && err.error() != null) {
                thrown.add(err.error());
            }
        }
        for (String runId : journal.runIds()) {
            for (JournalEntry entry : journal.read(runId)) {
                everything.append(entry).append('\n');
            }
        }
        for (RunResult r : results) {
            everything.append(r).append('\n');
        }
        for (Throwable t : thrown) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            everything.append(trace);
        }
        everything.append(model);

        assertThat(logs).contains("retrying"); // the retries were logged, so the logs were really scanned
        assertThat(events.events(AgentEvent.ErrorOccurred.class)).hasSize(4);
        assertThat(everything.toString()).contains("[REDACTED]").doesNotContain(KEY).doesNotContain("LEAKCANARY");
    }

    private static String captureStderr(Runnable body) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }
}
