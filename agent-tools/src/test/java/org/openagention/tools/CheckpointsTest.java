// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openagention.tools.TestRepos.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.AgentEvent;
import org.openagention.core.RunResult;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.testing.RecordingListener;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

class CheckpointsTest {
    @TempDir
    Path tmp;
    Path repo;
    Path store;
    Workspace ws;

    @BeforeEach
    void project() throws IOException {
        repo = TestRepos.init(tmp.resolve("repo"), Map.of("src/A.java", "class A {}\n", ".gitignore", ".env\n",
                "run.sh", "#!/bin/sh\necho hi\n"));
        Files.setPosixFilePermissions(repo.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(repo.resolve(".env"), "TOKEN=ignored-but-kept\n");
        Files.writeString(repo.resolve("notes.txt"), "untracked notes\n");
        Files.createSymbolicLink(repo.resolve("link"), Path.of("src/A.java"));
        store = tmp.resolve("store");
        ws = Workspace.local(repo);
    }

    @Test
    void storeWhoseParentDirectoriesDoNotExistYetIsCreated() throws IOException {
        // The default store (~/.cache/openagention/checkpoints/<hash>) does not exist on a new machine.
        Checkpoints checkpoints = Checkpoints.open(ws, tmp.resolve("cache/openagention/checkpoints/abc"));
        Checkpoint first = checkpoints.snapshot("first");
        Files.writeString(repo.resolve("notes.txt"), "changed\n");
        checkpoints.rewind(first);
        assertThat(Files.readString(repo.resolve("notes.txt"))).isEqualTo("untracked notes\n");
    }

    @Test
    void rewindRestoresFilesExactlyAndDeletesFilesCreatedAfterTheCheckpoint() throws IOException {
        Checkpoints checkpoints = Checkpoints.open(ws, store);
        Map<String, String> before = tree(repo);
        Checkpoint cp = checkpoints.snapshot("start");

        Files.writeString(repo.resolve("src/A.java"), "class A { broken");
        Files.delete(repo.resolve("notes.txt"));
        Files.delete(repo.resolve(".env"));
        Files.setPosixFilePermissions(repo.resolve("run.sh"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.delete(repo.resolve("link"));
        Files.createSymbolicLink(repo.resolve("link"), Path.of("elsewhere"));
        Files.createDirectories(repo.resolve("gen/deep"));
        Files.writeString(repo.resolve("gen/deep/New.java"), "new");
        Files.writeString(repo.resolve("src/B.java"), "class B {}");
        assertThat(tree(repo)).isNotEqualTo(before);

        checkpoints.rewind(cp);

        assertThat(tree(repo)).isEqualTo(before);
        assertThat(repo.resolve("gen")).doesNotExist();
    }

    @Test
    void theUsersHistoryIndexAndStashAreUntouched() throws IOException {
        Files.writeString(repo.resolve("src/A.java"), "class A { int stashed; }\n");
        git(repo, "stash");
        Files.writeString(repo.resolve("src/A.java"), "class A { int staged; }\n");
        git(repo, "add", "src/A.java");
        Map<String, String> gitState = userGitState();
        Checkpoints checkpoints = Checkpoints.open(ws, store);

        Checkpoint cp = checkpoints.snapshot("start");
        Files.writeString(repo.resolve("src/A.java"), "class A { int agent; }\n");
        Files.writeString(repo.resolve("extra.txt"), "x");
        checkpoints.snapshot("after an edit");
        checkpoints.rewind(cp);

        assertThat(userGitState()).isEqualTo(gitState);
        assertThat(git(repo, "stash", "list")).contains("stash@{0}");
        assertThat(git(repo, "diff", "--cached", "--name-only")).isEqualTo("src/A.java");
        assertThat(repo.resolve("src/A.java")).hasContent("class A { int staged; }");
        assertThat(git(repo, "log", "--format=%s")).isEqualTo("initial");
    }

    @Test
    void excludedDirectoriesAreNeitherSnapshottedNorRewound() throws IOException {
        Files.createDirectories(repo.resolve("node_modules/lib"));
        Files.writeString(repo.resolve("node_modules/lib/index.js"), "v1");
        Checkpoints checkpoints = Checkpoints.open(ws, store);
        Checkpoint cp = checkpoints.snapshot("start");

        Files.writeString(repo.resolve("node_modules/lib/index.js"), "v2");
        Files.writeString(repo.resolve("node_modules/lib/added.js"), "added");
        checkpoints.rewind(cp);

        assertThat(repo.resolve("node_modules/lib/index.js")).hasContent("v2");
        assertThat(repo.resolve("node_modules/lib/added.js")).exists();
        assertThat(git(repo, "--git-dir=" + store, "ls-tree", "-r", "--name-only", cp.id()))
                .doesNotContain("node_modules").contains(".env", "notes.txt", "src/A.java");
    }

    @Test
    void checkpointsAreReadBackFromTheStoreAfterARestart() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
        Checkpoints first = Checkpoints.open(ws, store, Checkpoints.DEFAULT_EXCLUDED_DIRECTORIES, clock);
        Checkpoint a = first.snapshot("one");
        Checkpoint b = first.snapshot("two");

        Checkpoints reopened = Checkpoints.open(ws, store);

        assertThat(reopened.list()).containsExactly(a, b);
        assertThat(reopened.latest()).contains(b);
        assertThat(b.at()).isEqualTo(clock.instant());
    }

    @Test
    void aRewindCanItselfBeUndone() throws IOException {
        Checkpoints checkpoints = Checkpoints.open(ws, store);
        Checkpoint start = checkpoints.snapshot("start");
        Files.writeString(repo.resolve("work.txt"), "an hour of work");

        Checkpoint beforeRewind = checkpoints.rewind(start);
        assertThat(repo.resolve("work.txt")).doesNotExist();

        checkpoints.rewind(beforeRewind);
        assertThat(repo.resolve("work.txt")).hasContent("an hour of work");
    }

    @Test
    void aStoreInsideTheWorkspaceOrACheckpointOfAnotherRootIsRefused() throws IOException {
        assertThatThrownBy(() -> Checkpoints.open(ws, repo.resolve(".checkpoints")))
                .isInstanceOf(WorkspaceException.class).hasMessageContaining("must be kept outside");

        Path other = Files.createDirectories(tmp.resolve("other"));
        Checkpoint foreign = Checkpoints.open(Workspace.local(other), tmp.resolve("store2")).snapshot("x");
        assertThatThrownBy(() -> Checkpoints.open(ws, store).rewind(foreign))
                .isInstanceOf(WorkspaceException.class).hasMessageContaining("not of this workspace");
    }

    @Test
    void checkpointsOfALazyTaskWorkspaceSnapshotItsWorktreeNotTheRepository() throws IOException {
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "everything");
        WorktreeManager worktrees = WorktreeManager.open(repo);
        Workspace lazy = worktrees.lazyWorkspace("t1");
        Checkpoints checkpoints = Checkpoints.open(lazy, store);

        Checkpoint cp = checkpoints.snapshot("before the task");
        Path worktree = worktrees.find("t1").orElseThrow().path();
        assertThat(cp.root()).isEqualTo(worktree);
        Files.writeString(lazy.resolveForWrite("src/A.java"), "class A { changed }");
        Files.writeString(lazy.resolveForWrite("src/New.java"), "class New {}");
        checkpoints.rewind(cp);

        assertThat(worktree.resolve("src/A.java")).hasContent("class A {}");
        assertThat(worktree.resolve("src/New.java")).doesNotExist();
        assertThat(git(worktree, "status", "--porcelain")).isEmpty();
        assertThat(git(repo, "status", "--porcelain")).isEmpty();
    }

    record Note(String path, String text) {}

    record Read(String path) {}

    @Test
    void theInterceptorSnapshotsBeforeEachMutatingCallOnlyAndPublishesANotice() throws IOException {
        Checkpoints checkpoints = Checkpoints.open(ws, store);
        FakeModel model = new FakeModel()
                .enqueueToolCall("read_note", "{\"path\":\"notes.txt\"}")
                .enqueueToolCall("write_note", "{\"path\":\"a.txt\",\"text\":\"first\"}")
                .enqueueToolCall("write_note", "{\"path\":\"b.txt\",\"text\":\"second\"}")
                .enqueueText("done");
        RecordingListener events = new RecordingListener();
        RunResult result = Agent.builder().model(model).addTool(writeNote()).addTool(readNote())
                .addToolInterceptor(checkpoints).addListener(events).build().run("write two notes");

        assertThat(result.finalText()).isEqualTo("done");
        List<Checkpoint> taken = checkpoints.list();
        assertThat(taken).hasSize(2);
        assertThat(taken.get(0).label()).startsWith("before write_note (call ");
        assertThat(events.events(AgentEvent.Notice.class)).hasSize(2)
                .allSatisfy(n -> assertThat(n.source()).isEqualTo("checkpoints"));

        checkpoints.rewind(taken.get(0));
        assertThat(repo.resolve("a.txt")).doesNotExist();
        assertThat(repo.resolve("b.txt")).doesNotExist();
        checkpoints.rewind(taken.get(1));
        assertThat(repo.resolve("a.txt")).hasContent("first");
        assertThat(repo.resolve("b.txt")).doesNotExist();
    }

    @Test
    void whenNoCheckpointCanBeTakenTheCallIsNotRunAndTheModelIsTold() throws IOException {
        Path notADirectory = Files.writeString(tmp.resolve("store-file"), "in the way");
        Checkpoints checkpoints = Checkpoints.open(ws, notADirectory);
        FakeModel model = new FakeModel().enqueueToolCall("write_note", "{\"path\":\"a.txt\",\"text\":\"x\"}")
                .enqueueText("ok");

        Agent.builder().model(model).addTool(writeNote()).addToolInterceptor(checkpoints).build().run("write");

        assertThat(repo.resolve("a.txt")).doesNotExist();
        assertThat(model.requests().get(1).messages().get(2).content().toString())
                .contains("Not run: a checkpoint of the workspace could not be taken");
    }

    private Tool writeNote() {
        return Tool.of("write_note", "Writes a note", Note.class, (args, ctx) -> {
            Files.writeString(ws.resolveForWrite(args.path()), args.text());
            return ToolResult.success("written");
        });
    }

    private Tool readNote() {
        return Tool.readOnly("read_note", "Reads a note", Read.class,
                (args, ctx) -> ToolResult.success(Files.readString(ws.resolve(args.path()))));
    }

    /** Every path under {@code root} except .git, with content, mode or link target. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String rel = root.relativize(p).toString();
                if (rel.isEmpty() || rel.equals(".git") || rel.startsWith(".git/")) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    out.put(rel, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(rel, Files.readString(p) + " " + PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(p)).charAt(2));
                } else {
                    out.put(rel, "dir");
                }
            }
        }
        return out;
    }

    private Map<String, String> userGitState() throws IOException {
        Map<String, String> state = new TreeMap<>();
        for (String f : new String[] {"index", "HEAD", "refs/stash", "refs/heads/main", "logs/refs/stash"}) {
            state.put(f, java.util.HexFormat.of().formatHex(Files.readAllBytes(repo.resolve(".git").resolve(f))));
        }
        return state;
    }
}
