package org.openagention.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openagention.tools.TestRepos.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.RunResult;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.tools.shell.Sandbox;
import org.openagention.tools.shell.SandboxUnavailableException;

class ExecutionLaneTest {
    @TempDir
    Path tmp;

    Path repo;
    WorktreeManager worktrees;

    @BeforeEach
    void repository() throws IOException {
        repo = TestRepos.init(tmp.resolve("repo"), Map.of("a.txt", "one\n"));
        worktrees = WorktreeManager.open(repo);
    }

    private static RunResult runAgent(ExecutionLane lane, FakeModel model) {
        return Agent.builder().model(model).tools(lane.tools()).build().run("work");
    }

    @Test
    void codingToolsHaveTheNamesModelsKnow() {
        assertThat(CodingTools.all(Workspace.local(repo))).extracting(Tool::name).containsExactly(
                "read_file", "write_file", "edit_file", "apply_patch", "list_dir", "todo_write", "glob", "grep", "shell");
        assertThat(CodingTools.readOnly(Workspace.local(repo))).extracting(Tool::name)
                .containsExactly("read_file", "list_dir", "glob", "grep");
    }

    @Test
    void localLaneWorksInPlace() throws IOException {
        try (ExecutionLane lane = ExecutionLane.local(repo)) {
            RunResult r = runAgent(lane, new FakeModel()
                    .enqueueToolCall("write_file", "{\"path\":\"b.txt\",\"content\":\"two\\n\"}").enqueueText("done"));
            assertThat(r.isSuccess()).isTrue();
            assertThat(lane.finish(true).outcome()).isEqualTo(ExecutionLane.Outcome.KEPT_IN_PLACE);
        }
        assertThat(Files.readString(repo.resolve("b.txt"))).isEqualTo("two\n");
    }

    @Test
    void worktreeLaneThatOnlyReadsMakesNoWorktree() {
        try (ExecutionLane lane = ExecutionLane.worktree(worktrees, "look", "main")) {
            runAgent(lane, new FakeModel().enqueueToolCall("read_file", "{\"path\":\"a.txt\"}").enqueueText("seen"));
            assertThat(lane.isolated()).isFalse();
            assertThat(lane.finish(true).outcome()).isEqualTo(ExecutionLane.Outcome.NOTHING_TO_MERGE);
        }
        assertThat(worktrees.list()).isEmpty();
    }

    @Test
    void worktreeLaneIsolatesWritesUntilMerged() throws IOException {
        try (ExecutionLane lane = ExecutionLane.worktree(worktrees, "add-b", "main")) {
            runAgent(lane, new FakeModel()
                    .enqueueToolCall("write_file", "{\"path\":\"b.txt\",\"content\":\"two\\n\"}").enqueueText("done"));
            assertThat(lane.isolated()).isTrue();
            assertThat(repo.resolve("b.txt")).as("the user's checkout is untouched").doesNotExist();
            ExecutionLane.LaneResult result = lane.finish(true);
            assertThat(result.outcome()).isEqualTo(ExecutionLane.Outcome.MERGED);
            assertThat(result.detail()).startsWith("merged into main");
        }
        assertThat(git(repo, "show", "main:b.txt")).isEqualTo("two");
    }

    @Test
    void shellAsTheFirstCallRunsInTheTasksWorktreeNotTheUsersCheckout() throws IOException {
        try (ExecutionLane lane = ExecutionLane.worktree(worktrees, "build", "main")) {
            runAgent(lane, new FakeModel().enqueueToolCall("shell", "{\"command\":\"echo built > out.txt\"}")
                    .enqueueText("done"));
            assertThat(lane.isolated()).isTrue();
            assertThat(Files.readString(lane.workspace().root().resolve("out.txt"))).isEqualTo("built\n");
        }
        assertThat(repo.resolve("out.txt")).as("the user's checkout is untouched").doesNotExist();
    }

    @Test
    void failedWorktreeLaneIsAbandonedAndMainUntouched() {
        String before = git(repo, "rev-parse", "main");
        try (ExecutionLane lane = ExecutionLane.worktree(worktrees, "broken", "main")) {
            runAgent(lane, new FakeModel()
                    .enqueueToolCall("write_file", "{\"path\":\"junk.txt\",\"content\":\"x\"}").enqueueText("gave up"));
            ExecutionLane.LaneResult result = lane.finish(false);
            assertThat(result.outcome()).isEqualTo(ExecutionLane.Outcome.ABANDONED);
            assertThat(result.detail()).contains("openagention-abandoned/broken");
        }
        assertThat(git(repo, "rev-parse", "main")).isEqualTo(before);
    }

    @Test
    void conflictingLanesReportTheConflictAsData() {
        try (ExecutionLane first = ExecutionLane.worktree(worktrees, "first", "main");
                ExecutionLane second = ExecutionLane.worktree(worktrees, "second", "main")) {
            runAgent(first, new FakeModel().enqueueToolCall("read_file", "{\"path\":\"a.txt\"}")
                    .enqueueToolCall("write_file", "{\"path\":\"a.txt\",\"content\":\"uno\\n\"}").enqueueText("done"));
            runAgent(second, new FakeModel().enqueueToolCall("read_file", "{\"path\":\"a.txt\"}")
                    .enqueueToolCall("write_file", "{\"path\":\"a.txt\",\"content\":\"eins\\n\"}").enqueueText("done"));
            assertThat(first.finish(true).outcome()).isEqualTo(ExecutionLane.Outcome.MERGED);
            ExecutionLane.LaneResult clash = second.finish(true);
            assertThat(clash.outcome()).isEqualTo(ExecutionLane.Outcome.CONFLICT);
            assertThat(clash.detail()).contains("a.txt");
        }
        assertThat(git(repo, "status", "--porcelain")).isEmpty();
        assertThat(git(repo, "show", "main:a.txt")).isEqualTo("uno");
    }

    @Test
    void sandboxedLaneRunsShellWithoutNetworkAndWritesOnlyInTheWorkspace() throws IOException {
        Sandbox sandbox = Sandbox.bubblewrap();
        if (!sandbox.isAvailable()) {
            assertThatThrownBy(() -> ExecutionLane.sandboxed(worktrees, "s", "main"))
                    .isInstanceOf(SandboxUnavailableException.class).hasMessageContaining(sandbox.unavailableReason().orElse(""));
            org.junit.jupiter.api.Assumptions.abort("bubblewrap unavailable here: " + sandbox.unavailableReason().orElse(""));
        }
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        try (ExecutionLane lane = ExecutionLane.sandboxed(worktrees, "s", "main")) {
            RunResult r = runAgent(lane, new FakeModel()
                    .enqueueToolCall("shell", "{\"command\":\"echo inside > in.txt && echo escaped > " + outside + "/x.txt\"}")
                    .enqueueText("done"));
            ToolResultMessage results = (ToolResultMessage) r.transcript().get(2);
            assertThat(results.outputs().get(0).result().isError()).isTrue();
            assertThat(Files.readString(lane.workspace().root().resolve("in.txt"))).isEqualTo("inside\n");
        }
        assertThat(outside.resolve("x.txt")).doesNotExist();
    }
}
