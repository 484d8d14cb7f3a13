// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.ConfigurationException;
import org.openagention.core.Limits;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.journal.StepCodec;
import org.openagention.core.journal.StepExecutor;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelException;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

class BatchRunnerTest {
    @TempDir
    Path dir;

    record PathArg(String path) {}

    /** An agent that reads the file named in the prompt and answers with its first line. */
    private Agent fileAgent() {
        Tool read = Tool.readOnly("read_file", "Reads a file", PathArg.class,
                (a, c) -> ToolResult.success(Files.readString(dir.resolve(a.path()))));
        FakeModel model = FakeModel.answering(BatchRunnerTest::respond);
        return Agent.builder().model(model).addTool(read).build();
    }

    private static final RunOptions TWO_TURNS = RunOptions.builder().limits(Limits.builder().maxTurns(2).build()).build();

    private static ModelResponse respond(ModelRequest request) {
        String prompt = ((org.openagention.core.message.UserMessage) request.messages().get(0)).text();
        String file = prompt.substring(prompt.indexOf(' ') + 1);
        if (file.startsWith("broken")) {
            throw new ModelException("provider refused " + file);
        }
        if (file.startsWith("chatty")) {
            return ModelResponse.builder().addToolUse("c" + request.messages().size(), "read_file",
                    "{\"path\":\"" + file + "\"}").finishReason(FinishReason.TOOL_USE).build();
        }
        if (request.messages().size() == 1) {
            return ModelResponse.builder().addToolUse("c1", "read_file", "{\"path\":\"" + file + "\"}")
                    .finishReason(FinishReason.TOOL_USE).build();
        }
        return ModelResponse.builder().addText("summary of " + file).finishReason(FinishReason.END_TURN).build();
    }

    private void files(String... names) throws Exception {
        for (String n : names) {
            Files.writeString(dir.resolve(n), "content of " + n);
        }
    }

    @Test
    void eachItemFailureIsIsolatedAndReported() throws Exception {
        files("a.txt", "broken.txt", "chatty.txt", "b.txt");
        BatchTask task = BatchTask.of(fileAgent(), f -> "Summarise " + f, TWO_TURNS);
        BatchTask withThrow = item -> {
            if (item.equals("throws.txt")) {
                throw new IllegalStateException("no such item");
            }
            return task.run(item);
        };

        BatchResult result = BatchRunner.builder().concurrency(2).build()
                .run("b1", List.of("a.txt", "broken.txt", "throws.txt", "chatty.txt", "b.txt"), withThrow);

        assertThat(result.items()).extracting(BatchItemResult::item)
                .containsExactly("a.txt", "broken.txt", "throws.txt", "chatty.txt", "b.txt");
        assertThat(result.succeeded()).extracting(BatchItemResult.Succeeded::output)
                .containsExactly("summary of a.txt", "summary of b.txt");
        assertThat(result.failed()).extracting(BatchItemResult.Failed::index, BatchItemResult.Failed::error)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "the run stopped with MODEL_ERROR: the model call failed:"
                                + " provider refused broken.txt"),
                        org.assertj.core.groups.Tuple.tuple(2, "the task threw IllegalStateException: no such item"),
                        org.assertj.core.groups.Tuple.tuple(3, "the run stopped with MAX_TURNS: the run reached its"
                                + " limit of 2 turns"));
        assertThat(result.failed().get(0).runId()).startsWith("run-");
        assertThat(result.summary()).isEqualTo("Completed 2/5 (3 failed): #1 broken.txt: the run stopped with"
                + " MODEL_ERROR: the model call failed: provider refused broken.txt; #2 throws.txt: the task threw"
                + " IllegalStateException: no such item; #3 chatty.txt: the run stopped with MAX_TURNS: the run"
                + " reached its limit of 2 turns");
    }

    @Test
    void resultsComeBackInInputOrderWhateverOrderItemsFinish() {
        List<String> items = List.of("first", "second", "third");
        CountDownLatch thirdDone = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        List<String> finished = new java.util.concurrent.CopyOnWriteArrayList<>();
        BatchTask task = item -> {
            if (item.equals("first")) {
                assertThat(secondDone.await(10, TimeUnit.SECONDS)).isTrue();
            } else if (item.equals("second")) {
                assertThat(thirdDone.await(10, TimeUnit.SECONDS)).isTrue();
            }
            finished.add(item);
            RunResult r = Agent.builder().model(new FakeModel().enqueueText("done " + item)).build().run(item);
            (item.equals("third") ? thirdDone : item.equals("second") ? secondDone : new CountDownLatch(0)).countDown();
            return r;
        };

        BatchResult result = BatchRunner.builder().concurrency(3).build().run("order", items, task);

        assertThat(finished).containsExactly("third", "second", "first");
        assertThat(result.items()).extracting(BatchItemResult::item).containsExactlyElementsOf(items);
        assertThat(result.succeeded()).extracting(BatchItemResult.Succeeded::output)
                .containsExactly("done first", "done second", "done third");
    }

    @Test
    void noMoreThanTheConcurrencyLimitRunAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CyclicBarrier pairs = new CyclicBarrier(2);
        BatchTask task = item -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            pairs.await(10, TimeUnit.SECONDS);
            running.decrementAndGet();
            return Agent.builder().model(new FakeModel().enqueueText(item)).build().run(item);
        };

        BatchResult result = BatchRunner.builder().concurrency(2).build()
                .run("limit", List.of("1", "2", "3", "4", "5", "6"), task);

        assertThat(result.allSucceeded()).isTrue();
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void resumeSkipsCompletedItemsAndRerunsFailedOnes() throws Exception {
        files("a.txt", "b.txt", "c.txt");
        Path journalDir = dir.resolve("journal");
        List<String> items = List.of("a.txt", "b.txt", "c.txt");
        BatchTask agentTask = BatchTask.of(fileAgent(), f -> "Summarise " + f, TWO_TURNS);
        BatchTask firstAttempt = item -> {
            if (item.equals("b.txt")) {
                throw new IllegalStateException("disk hiccup");
            }
            return agentTask.run(item);
        };
        BatchResult first = BatchRunner.builder().journal(JournalStore.file(journalDir)).build()
                .run("nightly", items, firstAttempt);
        assertThat(first.summary()).isEqualTo("Completed 2/3 (1 failed): #1 b.txt: the task threw"
                + " IllegalStateException: disk hiccup");

        List<String> ranAgain = new java.util.concurrent.CopyOnWriteArrayList<>();
        BatchTask secondAttempt = item -> {
            ranAgain.add(item);
            return agentTask.run(item);
        };
        BatchResult resumed = BatchRunner.builder().journal(JournalStore.file(journalDir)).build()
                .run("nightly", items, secondAttempt);

        assertThat(ranAgain).containsExactly("b.txt");
        assertThat(resumed.allSucceeded()).isTrue();
        assertThat(resumed.succeeded()).extracting(BatchItemResult.Succeeded::item, BatchItemResult.Succeeded::resumed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a.txt", true),
                        org.assertj.core.groups.Tuple.tuple("b.txt", false),
                        org.assertj.core.groups.Tuple.tuple("c.txt", true));
        assertThat(resumed.succeeded().get(0).output()).isEqualTo("summary of a.txt");
    }

    @Test
    void resumingWithDifferentItemsIsRefused() {
        JournalStore journal = JournalStore.inMemory();
        ConcurrentHashMap<String, Boolean> seen = new ConcurrentHashMap<>();
        BatchTask task = item -> {
            seen.put(item, true);
            return Agent.builder().model(new FakeModel().enqueueText("ok")).build().run(item);
        };
        BatchRunner runner = BatchRunner.builder().journal(journal).build();
        runner.run("weekly", List.of("x", "y"), task);

        assertThatThrownBy(() -> runner.run("weekly", List.of("x", "z"), task)).isInstanceOf(ConfigurationException.class)
                .hasMessage("batch 'weekly' cannot resume: its journal has item 1 as 'y', but the items given now have"
                        + " 'z' there; use a new batch id for a different list");
        assertThat(seen).containsOnlyKeys("x", "y");
    }

    @Test
    void aJournaledItemWithARenamedFieldStopsTheResumeNamingTheField() {
        JournalStore journal = JournalStore.inMemory();
        journal.append("weekly", "batch.item", "item-0", java.time.Instant.EPOCH,
                "{\"index\":0,\"name\":\"x\",\"status\":\"succeeded\",\"output\":\"ok\",\"runId\":\"r1\"}");
        BatchTask task = item -> Agent.builder().model(new FakeModel().enqueueText("ok")).build().run(item);

        assertThatThrownBy(() -> BatchRunner.builder().journal(journal).build().run("weekly", List.of("x"), task))
                .isInstanceOf(org.openagention.core.journal.JournalException.class)
                .hasMessage("batch 'weekly' journal entry 1: field 'item' is missing");
    }

    @Test
    void aStepExecutorRecordsEachItemAndResumesFromItsHistory() {
        JournalStore journal = JournalStore.inMemory();
        List<String> recorded = new java.util.concurrent.CopyOnWriteArrayList<>();
        StepExecutor.Factory journaling = StepExecutor.journaling(journal, java.time.Clock.systemUTC(),
                org.openagention.core.Sleeper.SYSTEM);
        StepExecutor.Factory engine = id -> new StepExecutor() {
            final StepExecutor inner = journaling.open(id);

            @Override
            public <T> Outcome<T> execute(String stepId, StepCodec<T> codec, java.util.concurrent.Callable<T> action)
                    throws Exception {
                return inner.execute(stepId, codec, action);
            }

            @Override
            public <T> void record(StepCodec<T> codec, T fact) {
                recorded.add(codec.typeOf(fact) + " " + codec.encode(fact));
                inner.record(codec, fact);
            }

            @Override
            public java.time.Instant now(String stepId) {
                return inner.now(stepId);
            }

            @Override
            public void sleep(String stepId, java.time.Duration duration) throws InterruptedException {
                inner.sleep(stepId, duration);
            }

            @Override
            public String randomId(String stepId) {
                return inner.randomId(stepId);
            }

            @Override
            public List<org.openagention.core.journal.JournalEntry> history() {
                return inner.history();
            }
        };
        AtomicInteger runs = new AtomicInteger();
        BatchTask task = item -> {
            runs.incrementAndGet();
            return Agent.builder().model(new FakeModel().enqueueText("ok " + item)).build().run(item);
        };
        BatchRunner runner = BatchRunner.builder().stepExecutor(engine).build();

        runner.run("weekly", List.of("x"), task);
        BatchResult again = runner.run("weekly", List.of("x"), task);

        assertThat(recorded).singleElement().asString().startsWith("batch.item {").contains("\"output\":\"ok x\"");
        assertThat(runs).hasValue(1);
        assertThat(again.items()).singleElement().isInstanceOfSatisfying(BatchItemResult.Succeeded.class,
                s -> assertThat(s.resumed()).isTrue());
    }

    @Test
    void aJournalAndAStepExecutorTogetherAreRefused() {
        assertThatThrownBy(() -> BatchRunner.builder().journal(JournalStore.inMemory())
                .stepExecutor(StepExecutor.direct()).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("a journal(...) or a stepExecutor(...), not both");
    }
}
