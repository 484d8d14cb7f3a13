// SPDX-License-Identifier: Apache-2.0
package org.openagention.bench.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openagention.core.Agent;
import org.openagention.core.AgentListener;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalStore;
import java.time.Instant;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.message.Message;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.Model;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Framework overhead per turn: a run of ten tool turns and a final answer, with a model that hands
 * back prebuilt responses (so the model itself costs next to nothing) and a trivial tool. Time
 * and allocation are per turn (run {@code -prof gc} for bytes per turn).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TurnOverheadBenchmark {
    static final int TOOL_TURNS = 10;
    public static final int TURNS = TOOL_TURNS + 1;

    /**
     * "plain": no journal, no listener; "observed": every step encoded to a journal (kept for the
     * current run only, so memory stays flat) and a listener.
     */
    @Param({"plain", "observed"})
    public String setup;

    private Agent agent;
    private RunOptions options = RunOptions.defaults();

    record Text(String text) {}

    /** Answers turn n (counted from the transcript) with a prebuilt response. */
    public static final class PrebuiltModel implements Model {
        private final ModelResponse[] responses = new ModelResponse[TURNS];

        public PrebuiltModel() {
            for (int i = 0; i < TOOL_TURNS; i++) {
                responses[i] = ModelResponse.builder().finishReason(FinishReason.TOOL_USE).usage(new Usage(100, 10))
                        .addToolUse("call_" + i, "echo", "{\"text\":\"t" + i + "\"}").build();
            }
            responses[TOOL_TURNS] = ModelResponse.builder().addText("done").usage(new Usage(100, 10)).build();
        }

        @Override
        public ModelResponse complete(ModelRequest request) {
            List<Message> messages = request.messages();
            return responses[(messages.size() - 1) / 2];
        }
    }

    @Setup
    public void setUp() {
        Tool echo = Tool.of("echo", "Echoes its text", Text.class, (a, ctx) -> ToolResult.success(a.text()));
        Agent.Builder b = Agent.builder().model(new PrebuiltModel()).addTool(echo);
        if (setup.equals("observed")) {
            List<Object> sink = new ArrayList<>();
            AgentListener listener = event -> {
                if (sink.size() > 1_000) {
                    sink.clear();
                }
                sink.add(event);
            };
            b.addListener(listener);
            options = RunOptions.builder().journal(new LastRunJournal()).build();
        }
        agent = b.build();
    }

    /** An in-memory journal that keeps only the newest run, so a long benchmark does not fill the heap. */
    static final class LastRunJournal implements JournalStore {
        private final List<JournalEntry> entries = new ArrayList<>();
        private String runId = "";

        @Override
        public synchronized JournalEntry append(String run, String type, String stepId, Instant at, String payloadJson) {
            if (!run.equals(runId)) {
                entries.clear();
                runId = run;
            }
            JournalEntry e = new JournalEntry(run, entries.size() + 1L, type, stepId, at, payloadJson);
            entries.add(e);
            return e;
        }

        @Override
        public synchronized List<JournalEntry> read(String run) {
            return run.equals(runId) ? List.copyOf(entries) : List.of();
        }

        @Override
        public synchronized List<String> runIds() {
            return runId.isEmpty() ? List.of() : List.of(runId);
        }
    }

    @Benchmark
    @OperationsPerInvocation(TURNS)
    public RunResult run() {
        RunResult r = agent.run("go", options);
        if (r.turns() != TURNS || !(r.transcript().get(r.transcript().size() - 1) instanceof AssistantMessage)) {
            throw new IllegalStateException("unexpected run: " + r.stopReason() + " " + r.detail());
        }
        return r;
    }
}
