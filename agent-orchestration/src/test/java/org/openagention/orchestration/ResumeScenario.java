// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.openagention.core.Agent;
import org.openagention.core.RetryPolicy;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;
import org.openagention.core.testing.FakeModel;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.orchestration.lanes.Worker;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.orchestration.review.AcceptanceCheck;

/**
 * The graph and workers of the kill-and-resume tests, shared by the tests and the child JVM they
 * kill: a diamond with a tail (a; b, c after a; d after both; e after d). Each worker logs its
 * run to a file, writes {@code <id>.txt} through a real tool, and answers "done <id>"; each check
 * is a real command. The worker of {@code blockOn} leaves a marker file and never returns: in
 * directory lanes before it writes, on a git repository after (so its worktree holds work in
 * progress when the process dies).
 */
final class ResumeScenario {
    private ResumeScenario() {}

    static TaskGraph graph() {
        return TaskGraph.builder().add(task("a")).add(task("b", "a")).add(task("c", "a")).add(task("d", "b", "c"))
                .add(task("e", "d")).build();
    }

    private static Task task(String id, String... deps) {
        return Task.builder(id).goal("Write " + id + ".txt").dependsOn(deps)
                .check(AcceptanceCheck.command("test", "-f", id + ".txt")).retry(RetryPolicy.none()).build();
    }

    /** The orchestrator working on the git repository {@code repo}, with the file tools of agent-tools. */
    static Orchestrator onRepository(Path journal, Path repo, Path log, Path markers, String blockOn) {
        WorkerFactory workers = (task, ws, attempt) -> {
            String file = task.id() + ".txt";
            List<ModelResponse> turns = new ArrayList<>();
            if (Files.exists(ws.resolve(file))) { // an attempt after the interruption: read what the last one wrote
                turns.add(Fixtures.toolCall("read_file", Fixtures.readArgs(file)));
            }
            turns.add(Fixtures.toolCall("write_file", Fixtures.writeArgs(file, "made by " + task.id())));
            FakeModel model = new FakeModel();
            for (int i = 0; i < turns.size(); i++) {
                ModelResponse turn = turns.get(i);
                boolean first = i == 0;
                model.enqueue(request -> {
                    if (first) {
                        append(log, task.id() + " attempt " + attempt);
                    }
                    return turn;
                });
            }
            model.enqueue(request -> {
                if (task.id().equals(blockOn)) {
                    touch(markers.resolve(task.id() + ".running"));
                    blockForever();
                }
                return Fixtures.answer("done " + task.id());
            });
            return Worker.of(Fixtures.fileAgent(ws, model));
        };
        return Orchestrator.builder().workers(workers).repository(repo).journal(JournalStore.file(journal))
                .parallelism(2).build();
    }

    static Orchestrator orchestrator(Path journal, Path lanes, Path log, Path markers, String blockOn) {
        WorkerFactory workers = (task, ws, attempt) -> {
            FakeModel model = new FakeModel().enqueue(request -> {
                append(log, task.id() + " attempt " + attempt);
                if (task.id().equals(blockOn)) {
                    touch(markers.resolve(task.id() + ".running"));
                    blockForever();
                }
                return ModelResponse.builder().addToolUse("call_" + task.id(), "write_file",
                        "{\"path\":\"" + task.id() + ".txt\",\"content\":\"made by " + task.id() + "\"}")
                        .finishReason(FinishReason.TOOL_USE).usage(new Usage(10, 5)).build();
            }).enqueue(Fixtures.answer("done " + task.id()));
            return Worker.of(Agent.builder().model(model).addTool(Fixtures.writeTool(ws)).build());
        };
        return Orchestrator.builder().workers(workers).workspaces(TaskWorkspaces.directories(lanes))
                .journal(JournalStore.file(journal)).parallelism(2).build();
    }

    private static void append(Path log, String line) {
        try {
            Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void touch(Path marker) {
        try {
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, "running");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void blockForever() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while blocked", e);
        }
    }
}
