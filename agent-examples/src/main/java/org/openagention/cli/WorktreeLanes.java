package org.openagention.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.openagention.core.journal.JournalStore;
import org.openagention.orchestration.Lane;
import org.openagention.orchestration.MergeResult;
import org.openagention.orchestration.Task;
import org.openagention.orchestration.TaskWorkspaces;
import org.openagention.tools.Workspace;
import org.openagention.tools.Worktree;
import org.openagention.tools.WorktreeManager;

/**
 * The orchestrator's lanes over git: each task (other than {@link Lane#LOCAL} ones, which work in
 * the repository itself) gets its own worktree on branch {@code openagention/<task>} from the
 * target branch as it is when the task starts; accepted work is merged into the target branch with
 * a merge commit.
 *
 * <p>The diff each task produced ({@code git diff base..branch}) is captured into the run's journal
 * as a {@value #DIFF_ENTRY} entry at merge time (and, for a task given up, when it is discarded), so
 * that the report can show it after the worktrees, branches and even the repository are gone: the
 * journal stays the single source of truth.
 */
final class WorktreeLanes implements TaskWorkspaces {
    static final String DIFF_ENTRY = "lane.diff";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DIFF_CHARS = 200_000;

    private final WorktreeManager worktrees;
    private final String targetBranch;
    private final JournalStore journal;
    private final String runId;
    private final Clock clock;

    WorktreeLanes(Path repo, String targetBranch, JournalStore journal, String runId, Clock clock) {
        this.worktrees = WorktreeManager.open(repo);
        this.targetBranch = targetBranch;
        this.journal = journal;
        this.runId = runId;
        this.clock = clock;
    }

    @Override
    public Workspace open(Task task) {
        if (task.lane() == Lane.LOCAL) {
            return Workspace.local(worktrees.repository());
        }
        return worktrees.create(task.id(), targetBranch).workspace();
    }

    @Override
    public MergeResult merge(Task task, Workspace workspace) {
        if (task.lane() == Lane.LOCAL) {
            return MergeResult.merged(List.of());
        }
        Optional<Worktree> w = worktrees.find(task.id());
        if (w.isPresent() && w.get().state() == Worktree.State.MERGED) {
            return MergeResult.merged(List.of()); // merged before a crash cut the journal entry off
        }
        worktrees.commit(task.id());
        w.ifPresent(tree -> recordDiff(task.id(), tree, "merged"));
        org.openagention.tools.MergeResult result = worktrees.merge(task.id(), targetBranch);
        if (result instanceof org.openagention.tools.MergeResult.Merged m) {
            return MergeResult.merged(m.changedFiles());
        }
        org.openagention.tools.MergeResult.Conflict c = (org.openagention.tools.MergeResult.Conflict) result;
        return MergeResult.conflict(c.conflictingFiles().isEmpty() ? List.of("(unknown)") : c.conflictingFiles(),
                c.detail());
    }

    @Override
    public void discard(Task task, Workspace workspace) {
        if (task.lane() == Lane.LOCAL) {
            return;
        }
        Optional<Worktree> w = worktrees.find(task.id()).filter(t -> t.state() == Worktree.State.ACTIVE);
        if (w.isPresent()) {
            worktrees.commit(task.id());
            recordDiff(task.id(), w.get(), "abandoned");
            worktrees.abandon(task.id());
        }
    }

    private void recordDiff(String taskId, Worktree tree, String outcome) {
        Git.Result diff = Git.run(tree.path(), "diff", "--no-color", "--no-ext-diff", tree.commit() + "..HEAD");
        Git.Result stat = Git.run(tree.path(), "diff", "--numstat", tree.commit() + "..HEAD");
        String text = diff.ok() ? diff.out() : "(git diff failed: " + diff.out().strip() + ")";
        boolean cut = text.length() > MAX_DIFF_CHARS;
        ObjectNode p = JSON.createObjectNode().put("task", taskId).put("base", tree.commit())
                .put("branch", tree.branch()).put("outcome", outcome)
                .put("diff", cut ? text.substring(0, MAX_DIFF_CHARS) : text).put("truncated", cut)
                .put("numstat", stat.ok() ? stat.out() : "");
        journal.append(runId, DIFF_ENTRY, "", clock.instant(), p.toString());
    }
}
