// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.AgentEvent;
import org.openagention.core.Limits;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.message.Message;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.testing.RecordingListener;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

/** The acceptance test: a 200-turn session never sends a request above the window, and still finishes. */
class CompactionAcceptanceTest {
    record ReadArgs(String path) {}

    private static final int WINDOW = 16_000;
    private static final int FILES = 199;
    private static final String ANSWER = "I read all 199 files; every one holds its own numbered lines.";

    @TempDir
    Path dir;

    @Test
    void twoHundredTurnSessionStaysInsideTheWindowAndTheAnswerArrives() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        for (int i = 1; i <= FILES; i++) {
            StringBuilder sb = new StringBuilder();
            for (int line = 1; sb.length() < 6000; line++) {
                sb.append("file ").append(i).append(" line ").append(line).append(": int value").append(line)
                        .append(" = compute(").append(i * line).append(");\n");
            }
            Files.writeString(repo.resolve("file-" + i + ".txt"), sb.toString());
        }
        Tool readFile = Tool.readOnly("read_file", "Reads a file of the repository", ReadArgs.class,
                (args, ctx) -> ToolResult.success(Files.readString(repo.resolve(args.path()))));

        TokenCounter base = TokenCounter.estimating(TokenizerFamily.GENERIC);
        CalibratingTokenCounter counter = TokenCounter.calibrating(base);
        AtomicInteger summaryCalls = new AtomicInteger();
        FakeModel model = FakeModel.answering(request -> {
            // The provider's truth: 10% more tokens than the estimate, so calibration has something to learn.
            Usage usage = new Usage(Math.round(base.count(request) * 1.1), 40);
            if (request.system().equals(Compaction.DEFAULT_SUMMARY_PROMPT)) {
                return ModelResponse.builder().addText("Checkpoint " + summaryCalls.incrementAndGet()
                        + ": the agent is reading the repository's files in order, one per turn.").usage(usage).build();
            }
            int done = filesRead(request);
            if (done == FILES) {
                return ModelResponse.builder().addText(ANSWER).usage(usage).build();
            }
            int next = done + 1;
            return ModelResponse.builder().addToolUse("read-" + next, "read_file", "{\"path\":\"file-" + next + ".txt\"}")
                    .finishReason(FinishReason.TOOL_USE).usage(usage).build();
        });

        Path spill = dir.resolve("spill");
        JournalStore journal = JournalStore.inMemory();
        RecordingListener listener = new RecordingListener();
        Agent agent = Agent.builder().model(model).addTool(readFile).addListener(listener)
                .addModelInterceptor(Compaction.builder().model(model).contextWindow(WINDOW).threshold(0.8)
                        .keepRecentMessages(6).tokenCounter(counter).build())
                .addToolInterceptor(ToolOutputLimit.builder().maxChars(3000).spillDirectory(spill).build())
                .build();

        RunResult result = agent.run("Read every file of the repository, in order, then report.",
                RunOptions.builder().journal(journal).limits(Limits.builder().maxTurns(250).build()).build());

        assertThat(result.stopReason()).as(result.detail()).isEqualTo(StopReason.COMPLETED);
        assertThat(result.finalText()).isEqualTo(ANSWER);
        assertThat(result.turns()).isEqualTo(200);

        List<Message> transcript = result.transcript();
        assertThat(transcript).hasSize(1 + 2 * FILES + 1);
        assertThat(transcript.stream().filter(m -> m instanceof AssistantMessage)).hasSize(200);
        List<ToolResultMessage> results = transcript.stream().filter(m -> m instanceof ToolResultMessage)
                .map(m -> (ToolResultMessage) m).collect(Collectors.toList());
        assertThat(results).hasSize(FILES);
        for (int i = 1; i <= FILES; i++) {
            assertThat(results.get(i - 1).outputs().get(0).result().text()).startsWith("file " + i + " line 1:");
        }

        assertThat(summaryCalls.get()).as("summaries are extended now and then, not rewritten every turn")
                .isBetween(1, 60);
        assertThat(model.requests()).hasSize(200 + summaryCalls.get());
        for (ModelRequest request : model.requests()) {
            assertThat(counter.count(request)).as("request of %d messages", request.messages().size())
                    .isLessThanOrEqualTo(WINDOW);
            assertThat(Math.round(base.count(request) * 1.1)).as("the provider's count").isLessThanOrEqualTo(WINDOW);
        }
        assertThat(counter.ratio()).isBetween(1.09, 1.11);
        assertThat(listener.events(AgentEvent.ContextCompacted.class)).hasSizeGreaterThan(5)
                .allSatisfy(e -> assertThat(e.estimatedTokensAfter()).isLessThan(e.estimatedTokensBefore()));

        try (Stream<Path> spilled = Files.list(spill)) {
            assertThat(spilled).hasSize(FILES);
        }
        List<JournalEntry> entries = journal.read(result.runId());
        assertThat(entries.stream().map(JournalEntry::stepId).filter(s -> s.endsWith("/model")).distinct())
                .as("the journal keeps every turn").hasSize(200);
    }

    /** How many files the request shows as read: the number in the id of its last tool result. */
    private static int filesRead(ModelRequest request) {
        Message last = request.messages().get(request.messages().size() - 1);
        if (last instanceof ToolResultMessage r) {
            return Integer.parseInt(r.outputs().get(0).toolUseId().substring("read-".length()));
        }
        return 0;
    }
}
