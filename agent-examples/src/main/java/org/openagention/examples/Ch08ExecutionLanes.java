// SPDX-License-Identifier: Apache-2.0
package org.openagention.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openagention.core.Agent;
import org.openagention.core.Limits;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.core.testing.FakeModel;
import org.openagention.orchestration.graph.Lane;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.tools.CodingTools;
import org.openagention.tools.MergeResult;
import org.openagention.tools.Workspace;
import org.openagention.tools.WorktreeManager;
import org.openagention.tools.shell.Sandbox;
import org.openagention.tools.shell.SandboxUnavailableException;
import org.openagention.tools.shell.ShellOptions;

/**
 * Chapter 8, local vs worktree vs sandboxed runs: pick the lane by the risk of the task. In
 * place for a typo, a worktree for a multi-file change, a sandbox for commands you do not trust.
 *
 * <p>Runs on a real git repository with the orchestrator's {@link TaskWorkspaces}, driven by hand
 * here (the {@code Orchestrator} of chapter 9 drives the same calls): {@code open} gives a task
 * the workspace of its {@link Lane}, {@code merge} brings accepted work into the target branch,
 * {@code discard} gives a failed task up. Shows a local fix committed in place; a read-only task
 * in a worktree lane that never pays for a worktree; a worktree task merged on success and
 * another abandoned on failure (its work kept on a branch); and a sandboxed lane where writes
 * outside the workspace and the network fail and a runaway loop is killed, or, where bubblewrap is
 * missing, a lane refused with the reason instead of running unsandboxed.
 */
public final class Ch08ExecutionLanes {

    public static void main(String[] args) throws Exception {
        try (Example ex = Example.start(8, "local vs worktree vs sandboxed runs", args)) {
            Path repo = ex.gitRepo("README.md", "# Teh shop\n", "src/Price.java", "class Price { int cents; }\n");
            TaskWorkspaces lanes = TaskWorkspaces.worktrees(WorktreeManager.open(repo), "main");

            ex.step("Local lane: a typo fix, edited in place (a worktree would be overhead)");
            Task typo = task("typo", Lane.LOCAL);
            Workspace here = lanes.open(typo);
            run(ex, here, typo, "Fix the typo in README.md.", new FakeModel()
                    .enqueueToolCall("read_file", "{\"path\":\"README.md\"}")
                    .enqueueToolCall("edit_file", "{\"path\":\"README.md\",\"old_string\":\"Teh\",\"new_string\":\"The\"}")
                    .enqueueText("Fixed the typo."));
            ex.say(describe(lanes.merge(typo, here)) + ": README.md now reads " + Files.readString(repo.resolve("README.md")).strip()
                    + ", in the repository itself: " + here.root().equals(repo.toRealPath()));

            ex.step("Worktree lane, a task that only reads: no worktree is ever made");
            Task explain = task("explain", Lane.WORKTREE);
            Workspace reader = lanes.open(explain);
            run(ex, reader, explain, "What does src/Price.java hold?", new FakeModel()
                    .enqueueToolCall("read_file", "{\"path\":\"src/Price.java\"}")
                    .enqueueText("Price holds cents."));
            ex.say(describe(lanes.merge(explain, reader)) + ", isolated: " + reader.isIsolated());

            ex.step("Worktree lane, a multi-file change: done off to the side, merged back when it succeeds");
            Task currency = task("currency", Lane.WORKTREE);
            Workspace side = lanes.open(currency);
            RunResult added = run(ex, side, currency, "Add a Currency enum (EUR) in src/ and document it in docs/.", new FakeModel()
                    .enqueueToolCall("write_file", "{\"path\":\"src/Currency.java\",\"content\":\"enum Currency { EUR }\\n\"}")
                    .enqueueToolCall("write_file", "{\"path\":\"docs/currency.md\",\"content\":\"EUR only\\n\"}")
                    .enqueueText("Added Currency."));
            ex.say("main's checkout before the merge has Currency.java: " + Files.exists(repo.resolve("src/Currency.java")));
            if (added.isSuccess()) {
                ex.say(describe(lanes.merge(currency, side)) + "; now: " + Files.exists(repo.resolve("src/Currency.java")));
            }

            ex.step("Worktree lane, a task that fails: abandoned, its half-done work kept on a branch");
            Task rewrite = task("rewrite", Lane.WORKTREE);
            Workspace doomed = lanes.open(rewrite);
            RunResult failed = run(ex, doomed, rewrite, "Rewrite Price.", new FakeModel()
                    .enqueueToolCall("write_file", "{\"path\":\"src/PriceV2.java\",\"content\":\"class PriceV2 {\\n\"}"));
            if (!failed.isSuccess()) {
                lanes.discard(rewrite, doomed);
                ex.say("ABANDONED (kept for inspection on branch "
                        + Example.git(repo, "branch", "--list", "--format=%(refname:short)", "openagention-abandoned/*")
                        + "); main untouched: " + !Files.exists(repo.resolve("src/PriceV2.java")));
            }

            ex.step("Sandboxed lane: untrusted commands run under bubblewrap");
            Sandbox sandbox = Sandbox.bubblewrap();
            ex.say("bubblewrap available: " + sandbox.isAvailable() + sandbox.unavailableReason().map(r -> " (" + r + ")").orElse(""));
            Path outside = Path.of(System.getProperty("user.home"), "openagention-escaped.txt");
            Task untrusted = task("untrusted", Lane.SANDBOXED);
            Workspace sealed = lanes.open(untrusted);
            try {
                run(ex, sealed, untrusted, "Build into out.txt, then try writing outside, the network, and a loop.", new FakeModel()
                        .enqueueToolCall("shell", "{\"command\":\"echo built > out.txt && cat out.txt\"}")
                        .enqueueToolCall("shell", "{\"command\":\"touch " + outside + "\"}")
                        .enqueueToolCall("shell", "{\"command\":\"exec 3<>/dev/tcp/127.0.0.1/9 && echo connected\"}")
                        .enqueueToolCall("shell", "{\"command\":\"while true; do :; done\",\"timeout_seconds\":1}")
                        .enqueueText("Only the workspace was writable; no network; the loop was killed."));
                ex.say("nothing escaped: " + !Files.exists(outside) + "; out.txt only in the task's worktree: "
                        + !Files.exists(repo.resolve("out.txt")));
                lanes.discard(untrusted, sealed);
            } catch (SandboxUnavailableException e) {
                ex.refused("the sandboxed lane (it never falls back to running unsandboxed)", e);
            }
        }
    }

    private static Task task(String id, Lane lane) {
        return Task.builder(id).goal(id).lane(lane).build();
    }

    /**
     * Runs the task's agent on its workspace; a sandboxed lane gets its {@code shell} under
     * bubblewrap, or a {@link SandboxUnavailableException} when that cannot run here.
     */
    private static RunResult run(Example ex, Workspace workspace, Task task, String goal, FakeModel script) {
        ShellOptions shell = ShellOptions.defaults().sandboxed(task.lane() == Lane.SANDBOXED);
        return Agent.builder().model(ex.model(script)).tools(CodingTools.all(workspace, shell)).addListener(ex.trace())
                .build().run(goal, RunOptions.builder().limits(Limits.builder().maxTurns(6).build()).build());
    }

    private static String describe(MergeResult merge) {
        if (merge instanceof MergeResult.Conflict c) {
            return "CONFLICT in " + c.files();
        }
        return merge.files().isEmpty() ? "NOTHING_TO_MERGE" : "MERGED " + merge.files();
    }
}
