// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openagention.core.journal.StepExecutor;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.tools.MergeResult;
import org.openagention.tools.Workspace;
import org.openagention.tools.WorktreeManager;

/**
 * The orchestration module's git worktree lanes ({@link TaskWorkspaces#worktrees}), with the diff
 * of each task recorded in the run's journal as a {@value #DIFF_ENTRY} fact (through the run's
 * {@link StepExecutor}, opened when the orchestrator binds the lanes to a run), so that the report
 * can show it after the worktrees, the branches and even the repository are gone: the journal
 * stays the single source of truth.
 *
 * <ul>
 *   <li>A merge that moved the target branch journals what it brought into the target
 *       ({@code git diff} of the target's tip before and after), whatever the lane: a worktree's
 *       merge commit, a LOCAL task's commit, a conflict's resolution.
 *   <li>A merge that conflicted journals the task's branch against where it forked from the target.
 *   <li>A task given up journals its work in progress, before the lanes put it away on an
 *       {@code openagention-abandoned/...} branch.
 * </ul>
 *
 * A task that never wrote has no worktree and journals nothing. Called on the orchestrator's
 * supervisor thread only, like every {@link TaskWorkspaces}. A diff git cannot produce is journaled
 * as that failure, never thrown.
 */
final class DiffJournalingLanes implements TaskWorkspaces {
    static final String DIFF_ENTRY = "lane.diff";
    private static final int MAX_DIFF_CHARS = 200_000;

    private final TaskWorkspaces lanes;
    private final Path repo;
    private final String target;
    private static final JsonFacts DIFF = new JsonFacts(DIFF_ENTRY);

    private final StepExecutor.Factory steps;
    private final StepExecutor run; // null until bound to a run

    private DiffJournalingLanes(TaskWorkspaces lanes, Path repo, String target, StepExecutor.Factory steps,
            StepExecutor run) {
        this.lanes = lanes;
        this.repo = repo;
        this.target = target;
        this.steps = steps;
        this.run = run;
    }

    /**
     * Worktree lanes of {@code repo} merging into {@code targetBranch}, journaling each task's diff.
     *
     * @throws org.openagention.tools.WorkspaceException when {@code repo} is not in a git working
     *     tree or the branch does not exist
     */
    static DiffJournalingLanes of(Path repo, String targetBranch, StepExecutor.Factory steps) {
        WorktreeManager manager = WorktreeManager.open(repo);
        return new DiffJournalingLanes(TaskWorkspaces.worktrees(manager, targetBranch), manager.repository(),
                targetBranch, steps, null);
    }

    @Override
    public TaskWorkspaces forRun(String runId, Set<String> taskIds) {
        return new DiffJournalingLanes(lanes.forRun(runId, taskIds), repo, target, steps, steps.open(runId));
    }

    @Override
    public Workspace open(Task task) {
        return lanes.open(task);
    }

    @Override
    public MergeResult merge(Task task, Workspace workspace) {
        var before = Git.run(repo, "rev-parse", "--verify", "--quiet", "refs/heads/" + target);
        MergeResult result = lanes.merge(task, workspace);
        if (result instanceof MergeResult.Merged) {
            var after = Git.run(repo, "rev-parse", "--verify", "--quiet", "refs/heads/" + target);
            if (before.ok() && after.ok() && !before.out().strip().equals(after.out().strip())) {
                String from = before.out().strip();
                record(task, "merged", repo, from, List.of(from, after.out().strip()));
            }
        } else if (ownWorktree(workspace)) {
            Path dir = workspace.root();
            String base = forkPoint(dir);
            record(task, "conflict", dir, base, List.of(base, "HEAD"));
        }
        return result;
    }

    @Override
    public void discard(Task task, Workspace workspace) {
        if (ownWorktree(workspace)) {
            Path dir = workspace.root();
            // Staging everything is what giving the worktree up does next (it commits it all), and
            // it lets the diff show new files too.
            var staged = Git.run(dir, "add", "-A");
            if (staged.ok()) {
                String base = forkPoint(dir);
                record(task, "abandoned", dir, base, List.of("--cached", base));
            } else {
                write(task, "abandoned", "", "(git add failed: " + staged.text() + ")", "");
            }
        }
        lanes.discard(task, workspace);
    }

    /** Whether the task has a worktree of its own (it wrote), rather than reading the repository. */
    private boolean ownWorktree(Workspace workspace) {
        return workspace.isIsolated() && !workspace.root().equals(repo);
    }

    private String forkPoint(Path dir) {
        var base = Git.run(dir, "merge-base", "HEAD", target);
        return base.ok() ? base.out().strip() : target;
    }

    /** Journals {@code git diff <range>} run in {@code dir}, {@code base} being where the diff starts. */
    private void record(Task task, String outcome, Path dir, String base, List<String> range) {
        var diff = Git.run(dir, args(range, "diff", "--no-color", "--no-ext-diff"));
        var stat = Git.run(dir, args(range, "diff", "--numstat"));
        String text = diff.ok() ? diff.out() : "(git diff failed: " + diff.text() + ")";
        write(task, outcome, base, text, stat.ok() ? stat.out() : "");
    }

    private void write(Task task, String outcome, String base, String text, String numstat) {
        if (run == null) {
            return; // not bound to a run: the orchestrator always binds its lanes, see forRun
        }
        boolean cut = text.length() > MAX_DIFF_CHARS;
        ObjectNode p = EventJson.JSON.createObjectNode().put("task", task.id()).put("base", base)
                .put("target", target).put("outcome", outcome)
                .put("diff", cut ? text.substring(0, MAX_DIFF_CHARS) : text).put("truncated", cut)
                .put("numstat", numstat);
        run.record(DIFF, p);
    }

    private static String[] args(List<String> range, String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(range);
        return all.toArray(String[]::new);
    }

    @Override
    public String toString() {
        return lanes + ", journaling each task's diff";
    }
}
