// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openagention.orchestration.Fixtures.task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.journal.JournalStore;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.tools.MergeResult;
import org.openagention.tools.Workspace;

class MergeTest {
    @TempDir
    Path dir;

    /** Plain directories, except that the first merge of one task reports a conflict. */
    private static final class ConflictOnce implements TaskWorkspaces {
        private final TaskWorkspaces lanes;
        private final String conflicting;
        final List<String> merges = new CopyOnWriteArrayList<>();
        private boolean conflicted;

        ConflictOnce(TaskWorkspaces lanes, String conflicting) {
            this.lanes = lanes;
            this.conflicting = conflicting;
        }

        @Override
        public Workspace open(Task task) {
            return lanes.open(task);
        }

        @Override
        public MergeResult merge(Task task, Workspace workspace) {
            merges.add(task.id());
            if (task.id().equals(conflicting) && !conflicted) {
                conflicted = true;
                return MergeResult.conflict(List.of("src/Parser.java", "README.md"), "Both sides edited the same lines.");
            }
            return lanes.merge(task, workspace);
        }

        @Override
        public void discard(Task task, Workspace workspace) {
            lanes.discard(task, workspace);
        }
    }

    @Test
    void aMergeConflictBecomesANewTaskThatDependentsWaitFor() {
        ConflictOnce lanes = new ConflictOnce(TaskWorkspaces.directories(dir), "b");
        List<OrchestrationEvent> events = new CopyOnWriteArrayList<>();
        JournalStore journal = JournalStore.inMemory();
        OrchestrationResult result = Orchestrator.builder().workers(Fixtures.doneWorkers()).workspaces(lanes)
                .journal(journal).addListener(events::add).build()
                .run(TaskGraph.builder().add(task("a")).add(task("b", "a")).add(task("c", "b")).build());

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.graph().ids()).containsExactly("a", "b", "c", "b-merge");
        assertThat(result.graph().require("c").dependencies()).containsExactly("b", "b-merge");
        assertThat(result.graph().require("b-merge").goal()).contains("Resolve a merge conflict")
                .contains("src/Parser.java, README.md").contains("Both sides edited the same lines.");
        assertThat(lanes.merges).containsExactly("a", "b", "b-merge", "c");
        assertThat(result.task("b").orElseThrow().merged()).isFalse();
        assertThat(result.task("b-merge").orElseThrow().merged()).isTrue();
        assertThat(events).filteredOn(OrchestrationEvent.TaskMerged.class::isInstance)
                .map(e -> (OrchestrationEvent.TaskMerged) e)
                .filteredOn(e -> !e.merged()).singleElement()
                .satisfies(e -> assertThat(e.conflictTask()).isEqualTo("b-merge"));
        assertThat(Fixtures.entries(journal, result.runId(), "graph.task.added")).hasSize(1);
    }

    @Test
    void aConflictThatKeepsComingBackIsGivenUpOnAfterThreeResolutions() {
        TaskWorkspaces dirs = TaskWorkspaces.directories(dir);
        TaskWorkspaces alwaysConflicting = new TaskWorkspaces() {
            @Override
            public Workspace open(Task task) {
                return dirs.open(task);
            }

            @Override
            public MergeResult merge(Task task, Workspace workspace) {
                return task.id().startsWith("b") ? MergeResult.conflict(List.of("a.txt"), "Still conflicting.")
                        : dirs.merge(task, workspace);
            }

            @Override
            public void discard(Task task, Workspace workspace) {
                dirs.discard(task, workspace);
            }
        };
        OrchestrationResult result = Orchestrator.builder().workers(Fixtures.doneWorkers()).workspaces(alwaysConflicting)
                .build().run(TaskGraph.builder().add(task("b")).add(task("c", "b")).add(task("other")).build());

        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.graph().ids()).containsExactly("b", "c", "other", "b-merge", "b-merge-2",
                "b-merge-3");
        assertThat(result.graph().require("b-merge-2").conflictOf()).contains("b-merge");
        assertThat(result.graph().require("b-merge-3").conflictOf()).contains("b-merge-2");
        assertThat(result.detail()).startsWith("the merge conflict of task 'b-merge-3' in [a.txt] is still"
                + " there after 3 resolutions; its work is kept for a person.");
        assertThat(result.task("c").orElseThrow().skipped()).isTrue();
        assertThat(result.task("other").orElseThrow().merged()).isTrue();
    }

    @Test
    void parallelTasksEditingTheSameFileConflictForReal() throws Exception {
        TaskWorkspaces lanes = TaskWorkspaces.directories(dir);
        Files.writeString(dir.resolve("target/config.txt"), "port=80");
        WorkerFactory workers = WorkerFactory.agents((task, ws) -> {
            switch (task.id()) {
                case "tls":
                    return Fixtures.writer(ws, "config.txt", "port=443", "edited");
                case "proxy":
                    return Fixtures.writer(ws, "config.txt", "port=8080", "edited");
                case "release":
                    return Fixtures.writer(ws, "VERSION", "1.0", "released");
                default: // the conflict's resolution
                    return Fixtures.writer(ws, "config.txt", "port=8443", "merged both");
            }
        });
        TaskGraph graph = TaskGraph.builder().add(task("tls")).add(task("proxy")).add(task("release", "tls", "proxy"))
                .build();
        OrchestrationResult result = Orchestrator.builder().workers(workers).workspaces(lanes).parallelism(2).build()
                .run(graph);

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        // One of the two merged first; the other conflicted on config.txt and got a resolution task.
        List<String> added = result.graph().ids().subList(3, result.graph().size());
        assertThat(added).hasSize(1).allSatisfy(id -> assertThat(id).endsWith("-merge"));
        assertThat(result.graph().require(added.get(0)).goal()).contains("config.txt");
        assertThat(result.graph().require("release").dependencies()).contains(added.get(0));
        assertThat(Files.readString(dir.resolve("target/config.txt"))).isEqualTo("port=8443");
        assertThat(Files.readString(dir.resolve("target/VERSION"))).isEqualTo("1.0");
    }
}
