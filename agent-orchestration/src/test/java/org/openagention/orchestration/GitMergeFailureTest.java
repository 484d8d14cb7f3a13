// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openagention.orchestration.Fixtures.entries;
import static org.openagention.orchestration.GitRepos.branches;
import static org.openagention.orchestration.GitRepos.extraWorktrees;
import static org.openagention.orchestration.GitRepos.show;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.testing.FakeModel;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.graph.TaskState;
import org.openagention.orchestration.lanes.WorkerFactory;

/**
 * Git refuses a merge for a reason other than a conflict (an untracked file in the target's
 * checkout that the merge would overwrite): the task fails with git's reason, no resolution task
 * is made, and its work stays on its branch.
 */
class GitMergeFailureTest {
    @TempDir
    Path dir;

    private final Map<String, FakeModel> models = new ConcurrentHashMap<>();

    private WorkerFactory writers() {
        return WorkerFactory.agents((task, ws) -> {
            FakeModel model = new FakeModel();
            model.enqueue(Fixtures.toolCall("write_file", Fixtures.writeArgs(task.id() + ".txt", "by " + task.id() + "\n")))
                    .enqueue(Fixtures.answer("wrote " + task.id() + ".txt"));
            models.put(task.id(), model);
            return Fixtures.fileAgent(ws, model);
        });
    }

    @Test
    void untrackedFileInTheTargetCheckoutFailsTheTaskWithGitsReasonAndMakesNoResolutionTask() throws Exception {
        Path repo = GitRepos.init(dir.resolve("repo"), Map.of("README.md", "app\n"));
        Files.writeString(repo.resolve("note.txt"), "a person's scratch notes\n"); // untracked, in the way
        JournalStore journal = JournalStore.inMemory();
        TaskGraph graph = TaskGraph.builder().add(Fixtures.task("note")).add(Fixtures.task("after", "note"))
                .add(Fixtures.task("other")).build();

        OrchestrationResult result = Orchestrator.builder().workers(writers()).repository(repo).journal(journal)
                .failurePolicy(FailurePolicy.SKIP_DEPENDENTS)
                .build().run("dirty", "", graph);

        assertThat(result.graph().ids()).containsExactly("note", "after", "other");
        assertThat(entries(journal, "dirty", "graph.task.added")).isEmpty();
        assertThat(models).containsOnlyKeys("note", "other"); // no resolution worker, no reviewer, nothing for "after"
        assertThat(models.get("note").requests()).hasSize(2);
        TaskReport note = result.task("note").orElseThrow();
        assertThat(note.state()).isEqualTo(TaskState.FAILED);
        assertThat(note.attempts()).isEqualTo(1);
        assertThat(note.merged()).isFalse();
        assertThat(note.failure()).startsWith("the merge of task 'note' into the target failed (not a merge conflict")
                .contains("untracked working tree files would be overwritten by merge").contains("note.txt")
                .contains("Its work is kept");
        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.detail()).startsWith("task 'note' failed: the merge of task 'note' into the target failed");
        assertThat(result.task("after").orElseThrow().skipped()).isTrue();
        assertThat(result.task("other").orElseThrow().merged()).isTrue();
        assertThat(show(repo, "main", "other.txt")).isEqualTo("by other");

        List<JournalEntry> states = entries(journal, "dirty", "task.state");
        assertThat(states).extracting(JournalEntry::payloadJson).anySatisfy(p -> assertThat(p)
                .contains("\"task\":\"note\"").contains("\"to\":\"FAILED\"").contains("\"kind\":\"MERGE_FAILED\"")
                .contains("would be overwritten by merge"));
        assertThat(states).extracting(JournalEntry::payloadJson)
                .noneSatisfy(p -> assertThat(p).contains("\"task\":\"note\"").contains("\"to\":\"DONE\""));
        // The work is kept: its branch holds it, its worktree is still there, and the person's file is untouched.
        assertThat(branches(repo, "openagention/")).contains("openagention/dirty.note");
        assertThat(show(repo, "openagention/dirty.note", "note.txt")).isEqualTo("by note");
        assertThat(extraWorktrees(repo)).anySatisfy(w -> assertThat(w).endsWith("dirty.note"));
        assertThat(branches(repo, "openagention-abandoned/")).isEmpty();
        assertThat(Files.readString(repo.resolve("note.txt"))).isEqualTo("a person's scratch notes\n");
    }
}
