// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Sleeper;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.journal.StepExecutor;
import org.openagention.orchestration.graph.Lane;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.tools.MergeResult;
import org.openagention.tools.Workspace;

/** The orchestration module's worktree lanes, on a real repository, with each task's diff journaled. */
class DiffJournalingLanesTest {
    @TempDir
    Path dir;

    private Path repo;
    private final JournalStore journal = JournalStore.inMemory();

    @BeforeEach
    void repository() throws Exception {
        repo = Files.createDirectories(dir.resolve("repo"));
        Git.check(repo, "init", "-q");
        Git.check(repo, "symbolic-ref", "HEAD", "refs/heads/main");
        Git.check(repo, "config", "user.name", "test");
        Git.check(repo, "config", "user.email", "test@example.invalid");
        Files.writeString(repo.resolve("a.txt"), "one\n");
        Git.check(repo, "add", "-A");
        Git.check(repo, "commit", "-q", "-m", "start");
    }

    private TaskWorkspaces lanes(String runId, String... taskIds) {
        return DiffJournalingLanes.of(repo, "main",
                StepExecutor.journaling(journal, Clock.systemUTC(), Sleeper.SYSTEM)).forRun(runId, Set.of(taskIds));
    }

    private static Task task(String id) {
        return Task.builder(id).goal("change things").build();
    }

    private static void write(Workspace ws, String file, String text) throws Exception {
        Files.writeString(ws.resolveForWrite(file), text);
    }

    private List<JsonNode> diffs(String runId) {
        return journal.read(runId).stream().filter(e -> e.type().equals(DiffJournalingLanes.DIFF_ENTRY))
                .map(JournalRead::json).toList();
    }

    @Test
    void aMergedTaskJournalsWhatItBroughtIntoTheTarget() throws Exception {
        TaskWorkspaces lanes = lanes("r1", "edit");
        Workspace ws = lanes.open(task("edit"));
        write(ws, "a.txt", "one\ntwo\n");
        write(ws, "new.txt", "fresh\n");

        assertThat(lanes.merge(task("edit"), ws)).isInstanceOf(MergeResult.Merged.class);

        assertThat(Files.readString(repo.resolve("new.txt"))).isEqualTo("fresh\n");
        List<JsonNode> diffs = diffs("r1");
        assertThat(diffs).hasSize(1);
        assertThat(diffs.get(0).path("task").asText()).isEqualTo("edit");
        assertThat(diffs.get(0).path("outcome").asText()).isEqualTo("merged");
        assertThat(diffs.get(0).path("diff").asText()).contains("+two", "+++ b/new.txt", "+fresh");
        assertThat(TaskSections.stat(diffs.get(0).path("numstat").asText())).isEqualTo(" · 2 files, +2 -0");
    }

    @Test
    void aTaskThatOnlyReadJournalsNoDiff() {
        TaskWorkspaces lanes = lanes("r2", "look");
        Workspace ws = lanes.open(task("look"));

        assertThat(lanes.merge(task("look"), ws)).isInstanceOf(MergeResult.Merged.class);
        assertThat(diffs("r2")).isEmpty();
    }

    @Test
    void aLocalTasksCommitIsJournaledToo() throws Exception {
        TaskWorkspaces lanes = lanes("r3", "here");
        Task here = Task.builder("here").goal("edit in place").lane(Lane.LOCAL).build();
        Workspace ws = lanes.open(here);
        write(ws, "a.txt", "one\nlocal\n");

        assertThat(lanes.merge(here, ws)).isInstanceOf(MergeResult.Merged.class);
        assertThat(diffs("r3")).singleElement()
                .satisfies(d -> assertThat(d.path("diff").asText()).contains("+local"));
    }

    @Test
    void aGivenUpTaskJournalsItsWorkInProgressNewFilesIncluded() throws Exception {
        TaskWorkspaces lanes = lanes("r4", "broken");
        Workspace ws = lanes.open(task("broken"));
        write(ws, "draft.txt", "half done\n");

        lanes.discard(task("broken"), ws);

        assertThat(diffs("r4")).singleElement().satisfies(d -> {
            assertThat(d.path("outcome").asText()).isEqualTo("abandoned");
            assertThat(d.path("diff").asText()).contains("+++ b/draft.txt", "+half done");
        });
        assertThat(Git.check(repo, "branch", "--list", "openagention-abandoned/*")).contains("r4.broken");
        assertThat(repo.resolve("draft.txt")).doesNotExist();
    }

    @Test
    void aConflictingMergeJournalsTheTasksOwnWork() throws Exception {
        TaskWorkspaces lanes = lanes("r5", "left", "right");
        Workspace left = lanes.open(task("left"));
        Workspace right = lanes.open(task("right"));
        write(left, "a.txt", "left\n");
        write(right, "a.txt", "right\n");
        assertThat(lanes.merge(task("left"), left)).isInstanceOf(MergeResult.Merged.class);

        assertThat(lanes.merge(task("right"), right)).isInstanceOf(MergeResult.Conflict.class);

        List<JsonNode> diffs = diffs("r5");
        assertThat(diffs).extracting(d -> d.path("outcome").asText()).containsExactly("merged", "conflict");
        assertThat(diffs.get(1).path("diff").asText()).contains("-one", "+right").doesNotContain("+left");
    }
}
