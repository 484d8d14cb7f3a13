// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalException;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolInterceptor;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolSpec;

/**
 * Exactly-once for journaled results, at most once for a mutating call cut off mid-way: a run that
 * died after a tool ran but before its result was journaled is resumed without running that call
 * again (unless its tool is idempotent or read-only); the model is told the outcome is unknown.
 * The "death" is a journal that fails at a chosen append, as a kill at that point would leave it.
 */
class CutOffToolCallTest {
    record Key(String key) {}

    /** A journal that refuses the first append of {@code type}, as if the process had died right there. */
    static final class DyingJournal implements JournalStore {
        final JournalStore delegate = JournalStore.inMemory();
        final String dieAt;
        boolean died;

        DyingJournal(String dieAt) {
            this.dieAt = dieAt;
        }

        @Override
        public synchronized JournalEntry append(String runId, String type, String stepId, Instant at, String payloadJson) {
            if (!died && type.equals(dieAt)) {
                died = true;
                throw new JournalException("the process died before " + type + " was journaled");
            }
            return delegate.append(runId, type, stepId, at, payloadJson);
        }

        @Override
        public List<JournalEntry> read(String runId) {
            return delegate.read(runId);
        }

        @Override
        public List<String> runIds() {
            return delegate.runIds();
        }
    }

    /** Turn 1 calls {@code tool} with key "a"; turn 2 answers with the text of the tool result it got. */
    private static FakeModel model(String tool) {
        return FakeModel.answering(request -> {
            long answers = request.messages().stream().filter(m -> m instanceof AssistantMessage).count();
            if (answers == 0) {
                return ModelResponse.builder().finishReason(FinishReason.TOOL_USE)
                        .addToolUse("call-1", tool, "{\"key\":\"a\"}").build();
            }
            return ModelResponse.builder().addText("saw: " + lastToolResult(request)).build();
        });
    }

    private static String lastToolResult(ModelRequest request) {
        ToolResultMessage last = (ToolResultMessage) request.messages().get(request.messages().size() - 1);
        return last.outputs().get(0).result().text();
    }

    /** Runs until the journal dies at {@code dieAt}, then resumes the run on the surviving journal. */
    private static RunResult dieAndResume(Agent agent, String dieAt) {
        DyingJournal journal = new DyingJournal(dieAt);
        RunOptions options = RunOptions.builder().journal(journal).build();
        AgentLoop loop = agent.start("do it", options);
        assertThatThrownBy(loop::run).isInstanceOf(JournalException.class);
        return agent.resume(loop.runId(), options);
    }

    private static List<String> types(JournalStore journal, String runId) {
        return journal.read(runId).stream().map(JournalEntry::type).toList();
    }

    @Test
    void aMutatingCallCutOffBeforeItsResultIsNotRunAgainAndTheModelIsToldItsOutcomeIsUnknown() {
        AtomicInteger runs = new AtomicInteger();
        Tool append = new Tool() {
            @Override
            public ToolSpec spec() {
                return Tool.of("append", "Appends a key", Key.class, (a, ctx) -> null).spec();
            }

            @Override
            public ToolResult call(ToolCall call, ToolContext context) {
                runs.incrementAndGet();
                return ToolResult.success("appended");
            }

            @Override
            public Optional<String> currentState(ToolCall call) {
                return Optional.of("the log holds " + runs.get() + " line(s)");
            }
        };
        Agent agent = Agent.builder().model(model("append")).addTool(append).build();
        DyingJournal journal = new DyingJournal("tool.result");
        RunOptions options = RunOptions.builder().journal(journal).build();
        AgentLoop loop = agent.start("do it", options);
        assertThatThrownBy(loop::run).isInstanceOf(JournalException.class);
        assertThat(runs).hasValue(1);
        assertThat(types(journal, loop.runId())).endsWith("model.response", "tool.started");

        RunResult resumed = agent.resume(loop.runId(), options);

        assertThat(runs).as("the cut-off call did not run again").hasValue(1);
        assertThat(resumed.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(resumed.finalText()).startsWith("saw: Not run again: this call to append had started")
                .contains("may or may not have taken effect").endsWith("The state now:\nthe log holds 1 line(s)");
        ToolResultMessage results = (ToolResultMessage) resumed.transcript().get(2);
        assertThat(results.outputs().get(0).result()).isInstanceOfSatisfying(ToolResult.Error.class,
                e -> assertThat(e.kind()).isEqualTo(ToolResult.ErrorKind.OUTCOME_UNKNOWN));
        assertThat(types(journal, loop.runId())).as("the unknown outcome is journaled as the call's result")
                .containsSubsequence("tool.started", "tool.result", "run.finished");

        RunResult again = agent.resume(loop.runId(), options);
        assertThat(again.transcript()).isEqualTo(resumed.transcript());
        assertThat(runs).hasValue(1);
    }

    @Test
    void anIdempotentCallCutOffBeforeItsResultRunsAgain() {
        AtomicInteger runs = new AtomicInteger();
        Tool put = Tool.idempotent("put", "Sets a key", Key.class, (a, ctx) -> {
            runs.incrementAndGet();
            return ToolResult.success("set " + a.key());
        });
        assertThat(put.idempotent()).isTrue();
        assertThat(put.readOnly()).isFalse();

        RunResult resumed = dieAndResume(Agent.builder().model(model("put")).addTool(put).build(), "tool.result");

        assertThat(runs).hasValue(2);
        assertThat(resumed.finalText()).isEqualTo("saw: set a");
    }

    @Test
    void aReadOnlyCallCutOffBeforeItsResultRunsAgainAndJournalsNoIntent() {
        AtomicInteger runs = new AtomicInteger();
        Tool look = Tool.readOnly("look", "Looks at a key", Key.class, (a, ctx) -> {
            runs.incrementAndGet();
            return ToolResult.success("looked at " + a.key());
        });
        DyingJournal journal = new DyingJournal("tool.result");
        RunOptions options = RunOptions.builder().journal(journal).build();
        Agent agent = Agent.builder().model(model("look")).addTool(look).build();
        AgentLoop loop = agent.start("do it", options);
        assertThatThrownBy(loop::run).isInstanceOf(JournalException.class);

        RunResult resumed = agent.resume(loop.runId(), options);

        assertThat(runs).hasValue(2);
        assertThat(resumed.finalText()).isEqualTo("saw: looked at a");
        assertThat(types(journal, loop.runId())).doesNotContain("tool.started");
    }

    @Test
    void aCallThatDiedBeforeItsIntentWasJournaledRunsOnResume() {
        AtomicInteger runs = new AtomicInteger();
        Tool append = Tool.of("append", "Appends a key", Key.class, (a, ctx) -> {
            runs.incrementAndGet();
            return ToolResult.success("appended " + a.key());
        });

        RunResult resumed = dieAndResume(Agent.builder().model(model("append")).addTool(append).build(), "tool.started");

        assertThat(runs).as("the first process never ran it; the resumed one ran it once").hasValue(1);
        assertThat(resumed.finalText()).isEqualTo("saw: appended a");
    }

    @Test
    void aRunKilledRightAfterItsFirstAppendResumes() {
        AtomicInteger runs = new AtomicInteger();
        Tool append = Tool.of("append", "Appends a key", Key.class, (a, ctx) -> {
            runs.incrementAndGet();
            return ToolResult.success("appended " + a.key());
        });

        RunResult resumed = dieAndResume(Agent.builder().model(model("append")).addTool(append).build(), "clock.now");

        assertThat(resumed.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(runs).hasValue(1);
    }

    @Test
    void theIntentIsJournaledAfterTheInterceptorsWithTheArgumentsTheToolGets() {
        Tool append = Tool.of("append", "Appends a key", Key.class, (a, ctx) -> ToolResult.success("appended " + a.key()));
        ToolInterceptor rewrite = chain -> chain.proceed(chain.call().withArguments("{\"key\":\"b\"}"));
        ToolInterceptor deny = chain -> ToolResult.error(ToolResult.ErrorKind.DENIED, "no");
        JournalStore journal = JournalStore.inMemory();
        RunOptions options = RunOptions.builder().journal(journal).build();

        RunResult rewritten = Agent.builder().model(model("append")).addTool(append).addToolInterceptor(rewrite).build()
                .run("do it", options);
        RunResult denied = Agent.builder().model(model("append")).addTool(append).addToolInterceptor(deny).build()
                .run("do it", options);

        List<JournalEntry> intents = journal.read(rewritten.runId()).stream()
                .filter(e -> e.type().equals("tool.started")).toList();
        assertThat(intents).hasSize(1);
        assertThat(intents.get(0).payloadJson()).contains("\"step\":\"turn-1/tool/0-call-1\"")
                .contains("\"tool\":\"append\"").contains("\\\"key\\\":\\\"b\\\"");
        assertThat(types(journal, denied.runId())).as("a denied call never started").doesNotContain("tool.started");
    }
}
