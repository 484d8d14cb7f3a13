package org.openagention.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openagention.core.Agent;
import org.openagention.core.Limits;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.core.testing.FakeModel;
import org.openagention.tools.ExecutionLane;
import org.openagention.tools.WorktreeManager;
import org.openagention.tools.shell.Sandbox;
import org.openagention.tools.shell.SandboxUnavailableException;

/**
 * Chapter 8, local vs worktree vs sandboxed runs: pick the lane by the risk of the task. In
 * place for a typo, a worktree for a multi-file change, a sandbox for commands you do not trust.
 *
 * <p>Runs on a real git repository. Shows a local fix kept in place; a read-only task in a
 * worktree lane that never pays for a worktree; a worktree task merged on success and another
 * abandoned on failure (its work kept on a branch); and a sandboxed lane where writes outside the
 * workspace and the network fail and a runaway loop is killed, or, where bubblewrap is missing, a
 * lane refused with the reason instead of running unsandboxed.
 */
public final class Ch08ExecutionLanes {

    public static void main(String[] args) throws Exception {
        try (Example ex = Example.start(8, "local vs worktree vs sandboxed runs", args)) {
            Path repo = ex.gitRepo("README.md", "# Teh shop\n", "src/Price.java", "class Price { int cents; }\n");
            WorktreeManager worktrees = WorktreeManager.open(repo);

            ex.step("Local lane: a typo fix, edited in place (a worktree would be overhead)");
            try (ExecutionLane lane = ExecutionLane.local(repo)) {
                RunResult r = run(ex, lane, "Fix the typo in README.md.", new FakeModel()
                        .enqueueToolCall("read_file", "{\"path\":\"README.md\"}")
                        .enqueueToolCall("edit_file", "{\"path\":\"README.md\",\"old_string\":\"Teh\",\"new_string\":\"The\"}")
                        .enqueueText("Fixed the typo."));
                ex.say(lane.finish(r.isSuccess()).outcome() + ": README.md now reads " + Files.readString(repo.resolve("README.md")).strip());
            }
            Example.git(repo, "commit", "-qam", "fix typo");

            ex.step("Worktree lane, a task that only reads: no worktree is ever made");
            try (ExecutionLane lane = ExecutionLane.worktree(worktrees, "explain", "main")) {
                RunResult r = run(ex, lane, "What does src/Price.java hold?", new FakeModel()
                        .enqueueToolCall("read_file", "{\"path\":\"src/Price.java\"}")
                        .enqueueText("Price holds cents."));
                ex.say(lane.finish(r.isSuccess()).outcome() + ", isolated: " + lane.isolated());
            }

            ex.step("Worktree lane, a multi-file change: done off to the side, merged back when it succeeds");
            try (ExecutionLane lane = ExecutionLane.worktree(worktrees, "currency", "main")) {
                RunResult r = run(ex, lane, "Add a Currency enum (EUR) in src/ and document it in docs/.", new FakeModel()
                        .enqueueToolCall("write_file", "{\"path\":\"src/Currency.java\",\"content\":\"enum Currency { EUR }\\n\"}")
                        .enqueueToolCall("write_file", "{\"path\":\"docs/currency.md\",\"content\":\"EUR only\\n\"}")
                        .enqueueText("Added Currency."));
                ex.say("main's checkout before the merge has Currency.java: " + Files.exists(repo.resolve("src/Currency.java")));
                ex.say(lane.finish(r.isSuccess()).outcome() + "; now: " + Files.exists(repo.resolve("src/Currency.java")));
            }

            ex.step("Worktree lane, a task that fails: abandoned, its half-done work kept on a branch");
            try (ExecutionLane lane = ExecutionLane.worktree(worktrees, "rewrite", "main")) {
                RunResult r = run(ex, lane, "Rewrite Price.", new FakeModel()
                        .enqueueToolCall("write_file", "{\"path\":\"src/PriceV2.java\",\"content\":\"class PriceV2 {\\n\"}"));
                ExecutionLane.LaneResult done = lane.finish(r.isSuccess());
                ex.say(done.outcome() + " (" + done.detail() + "); main untouched: "
                        + !Files.exists(repo.resolve("src/PriceV2.java")));
            }

            ex.step("Sandboxed lane: untrusted commands run under bubblewrap");
            Sandbox sandbox = Sandbox.bubblewrap();
            ex.say("bubblewrap available: " + sandbox.isAvailable() + sandbox.unavailableReason().map(r -> " (" + r + ")").orElse(""));
            Path outside = Path.of(System.getProperty("user.home"), "openagention-escaped.txt");
            try (ExecutionLane lane = ExecutionLane.sandboxed(worktrees, "untrusted", "main")) {
                RunResult r = run(ex, lane, "Build into out.txt, then try writing outside, the network, and a loop.", new FakeModel()
                        .enqueueToolCall("shell", "{\"command\":\"echo built > out.txt && cat out.txt\"}")
                        .enqueueToolCall("shell", "{\"command\":\"touch " + outside + "\"}")
                        .enqueueToolCall("shell", "{\"command\":\"exec 3<>/dev/tcp/127.0.0.1/9 && echo connected\"}")
                        .enqueueToolCall("shell", "{\"command\":\"while true; do :; done\",\"timeout_seconds\":1}")
                        .enqueueText("Only the workspace was writable; no network; the loop was killed."));
                ex.say("nothing escaped: " + !Files.exists(outside) + "; out.txt only in the task's worktree: "
                        + !Files.exists(repo.resolve("out.txt")) + "; lane " + lane.finish(false).outcome());
            } catch (SandboxUnavailableException e) {
                ex.refused("the sandboxed lane (it never falls back to running unsandboxed)", e);
            }
        }
    }

    private static RunResult run(Example ex, ExecutionLane lane, String task, FakeModel script) {
        return Agent.builder().model(ex.model(script)).tools(lane.tools()).addListener(ex.trace()).build()
                .run(task, RunOptions.builder().limits(Limits.builder().maxTurns(6).build()).build());
    }
}
