// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.openagention.core.Agent;
import org.openagention.core.AgentLoop;
import org.openagention.core.ConfigurationException;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.core.StructuredOutputException;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.model.PriceTable;
import org.openagention.orchestration.OrchestrationResult;
import org.openagention.orchestration.Orchestrator;
import org.openagention.orchestration.graph.InvalidGraphException;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.tools.WorkspaceException;
import org.openagention.tools.shell.Sandbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code openagention run "<task>" --repo DIR}: one coding agent working in place on the repository,
 * or with {@code --plan} the orchestrated system (planner, workers in git worktrees, the planner's
 * acceptance commands, a reviewer per task, merges into the current branch). Journals every step
 * under {@code DIR/.openagention/runs} (kept out of git status), writes the HTML report at the end,
 * and resumes a run from its journal with {@code --resume RUN_ID}. {@code --offline} runs the
 * bundled recorded session instead (see {@code demo}).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the coding agent on a repository; --plan for planner, workers in worktrees, checks, review and merge.",
        footer = {"", "Examples:",
                "  openagention run \"Fix the failing date parser test\" --repo .",
                "  openagention run \"Add CSV export, with tests\" --repo . --plan --max-cost 2",
                "  openagention run --resume orch-1a2b3c4d-5e6f --repo .",
                "  openagention run --offline      (the recorded demo session: no model needed)",
                "  openagention run \"Add CSV export\" --plan --temporal localhost:7233 --remote git@host:team/repo.git"
                        + " --hosts host-a,host-b      (on 'openagention worker' processes)",
                "  OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318 openagention run \"Fix the build\" --repo . --otel",
                "",
                "The model comes from the environment (ANTHROPIC_API_KEY; or OPENAI_API_KEY and/or OPENAI_BASE_URL;"
                        + " OPENAGENTION_MODEL=provider:model) or from --model. A single agent edits DIR in place;"
                        + " --plan needs DIR to be a git repository on a branch with no uncommitted changes, and"
                        + " merges each accepted task into that branch. Journals and the HTML report go to"
                        + " DIR/.openagention/runs (kept out of git status).",
                "Exit status: 0 the run succeeded, 1 it did not, 2 bad input."})
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    OpenAgentionCli parent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TASK", description = "What to do, in words.")
    String task;

    @Option(names = "--repo", paramLabel = "DIR", description = "The repository to work on (required unless --offline).")
    Path repo;

    @Option(names = "--plan", description = "Plan the task into a graph run by worker agents in git worktrees, with checks, review and merge.")
    boolean plan;

    @Option(names = "--model", paramLabel = "PROVIDER:MODEL", description = "The model, such as anthropic:claude-sonnet-4-5 or openai:gpt-4o-mini (default: from the environment).")
    String model;

    @Option(names = "--approval", paramLabel = "MODE", defaultValue = "workspace-write", converter = Options.ApprovalConverter.class,
            description = "ask, workspace-write, full-access or sandboxed (default: ${DEFAULT-VALUE}).")
    ApprovalMode approval;

    @Option(names = "--max-turns", paramLabel = "N", defaultValue = "50", description = "Turns per agent run (default: ${DEFAULT-VALUE}).")
    int maxTurns;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "0", description = "Tokens for the whole run; 0 for no limit.")
    long maxTokens;

    @Option(names = "--max-cost", paramLabel = "USD", defaultValue = "0", description = "Dollars for the whole run; 0 for no limit.")
    double maxCost;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "0", converter = Options.DurationConverter.class,
            description = "Wall-clock limit, such as 90s, 10m or 1h; 0 for none.")
    Duration timeout;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = Options.DurationConverter.class,
            description = "Longest wait to connect to the model provider (default: 10s).")
    Duration connectTimeout;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = Options.DurationConverter.class,
            description = "Longest silence of the model provider during a call, such as a stalled stream (default: 45s).")
    Duration idleTimeout;

    @Option(names = "--request-timeout", paramLabel = "DURATION", converter = Options.DurationConverter.class,
            description = "Longest one model call may take, its retries included (default: 10m).")
    Duration requestTimeout;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "4", description = "Tasks run at once with --plan (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--resume", paramLabel = "RUN_ID", description = "Finish a run from its journal (completed steps are not run again).")
    String resume;

    @Option(names = "--offline", description = "Run the bundled recorded session on the bundled sample project (no model needed).")
    boolean offline;

    @Option(names = "--json", description = "Print one JSON object per event instead of the progress table.")
    boolean json;

    @Option(names = "--journal-dir", paramLabel = "DIR", description = "Where journals go (default: DIR/.openagention/runs).")
    Path journalDir;

    @Option(names = "--otel", description = "Send OpenTelemetry traces and metrics of the run (GenAI semantic"
            + " conventions), configured by the standard OTEL_* variables (default: OTLP over HTTP to localhost:4318).")
    boolean otel;

    @Option(names = "--web-approvals", description = "Calls the approval mode asks about wait for a decision in"
            + " 'openagention serve' on the journal directory, instead of at the console.")
    boolean webApprovals;

    @Option(names = "--temporal", paramLabel = "HOST:PORT", description = "With --plan: submit the planned graph to"
            + " the workers of this Temporal frontend ('openagention worker') and follow it; needs --remote and --hosts.")
    String temporal;

    @Option(names = "--remote", paramLabel = "GIT_URL", description = "With --temporal: the shared git remote the hosts"
            + " clone and push to; accepted work is merged into its --target branch.")
    String remote;

    @Option(names = "--hosts", paramLabel = "NAME", split = ",", description = "With --temporal: the hosts (their"
            + " 'worker --host NAME') that hold the tasks' clones, the first one merging.")
    List<String> hosts;

    @Option(names = "--target", paramLabel = "BRANCH", defaultValue = "main", description = "With --temporal: the"
            + " branch of the remote merged into (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--namespace", paramLabel = "N", defaultValue = "default", description = "With --temporal: the"
            + " Temporal namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--task-queue", paramLabel = "Q", defaultValue = "openagention", description = "With --temporal:"
            + " the workers' task queue (default: ${DEFAULT-VALUE}).")
    String taskQueue;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a live table on a terminal, log lines otherwise), live or plain.")
    String progressMode;

    @Override
    public Integer call() {
        CliContext ctx = parent.context();
        checkProgress(progressMode);
        checkBudgets();
        if (offline) {
            return offline(ctx);
        }
        if (temporal != null) {
            // TemporalCommands (and with it Temporal's SDK) is loaded only here: not on every start
            return TemporalCommands.run(this);
        }
        if (remote != null || hosts != null) {
            throw new CliException("--remote and --hosts are for a graph on Temporal: give --temporal HOST:PORT too");
        }
        if (repo == null) {
            throw new CliException("missing required option --repo DIR (the repository to work on), or use --offline");
        }
        Path dir = Options.directory(repo, "--repo");
        if (resume == null && (task == null || task.isBlank())) {
            throw new CliException("missing the task: openagention run \"<what to do>\" --repo DIR");
        }
        if (approval.sandboxedShell() && !Sandbox.bubblewrap().isAvailable()) {
            throw new CliException("--approval sandboxed needs bubblewrap: "
                    + Sandbox.bubblewrap().unavailableReason().orElse("it cannot run here"));
        }
        Path journals = Options.journalDir(dir, journalDir);
        List<JournalEntry> resumed = resume != null
                ? JournalRead.entries(JournalRead.open(journals), journals, resume) : null;
        boolean orchestrated = resumed != null ? resumed.stream().anyMatch(e -> e.type().equals("graph.started")) : plan;
        if (journalDir == null && Git.run(dir, "rev-parse", "--git-dir").ok()) {
            Git.exclude(dir, ".openagention/");
        }
        String branch = orchestrated ? targetBranch(dir) : "";
        ModelChoice chosen = ModelChoice.resolve(ctx.env(), model,
                Options.http(connectTimeout, idleTimeout, requestTimeout));
        JournalStore store = resume != null ? JournalRead.open(journals) : JournalStore.file(journals);
        Progress progress = progress(ctx);
        // OtelTracing (and with it OpenTelemetry) is loaded only here, with --otel: not on every start
        try (RunTracing tracing = otel ? OtelTracing.start(ctx.env()) : RunTracing.NONE) {
            Assembly assembly = new Assembly(new Assembly.Settings(chosen.model(), "", approval,
                    webApprovals ? new WebApprover(new ApprovalFiles(journals), Clock.systemUTC())
                            : new ConsoleApprover(ctx.terminal("plain")), maxTurns, maxTokens, maxCost, timeout,
                    parallelism, store, progress, Clock.systemUTC()), tracing);
            progress.note("model", "Model: " + chosen.description() + "; approval: " + approval + "; journal: "
                    + journals + (otel ? "; tracing: OpenTelemetry (OTEL_* variables)" : ""));
            Outcome outcome = orchestrated ? orchestrated(assembly, dir, branch, resumed) : solo(assembly, dir);
            progress.note("report", "Report: " + ReportCommand.write(store, journals, outcome.runId(), null));
            return outcome.ok() ? 0 : 1;
        }
    }

    /** How a run ended: its id, for the report, and whether it succeeded. */
    private record Outcome(String runId, boolean ok) {}

    private Outcome orchestrated(Assembly assembly, Path dir, String branch, List<JournalEntry> resumed) {
        Progress progress = assembly.settings().progress();
        String runId = resume != null ? resume : Assembly.newRunId("orch");
        Orchestrator orchestrator = orchestrator(assembly, dir, branch);
        OrchestrationResult result;
        if (resume != null) {
            progress.note("run", "Run " + runId + ": resuming in " + dir + " (merging into " + branch + ")");
            TaskGraph reviewed = assembly.reviewedTasksOf(resumed);
            result = reviewed.size() == 0 ? orchestrator.resume(runId) : orchestrator.resume(runId, reviewed);
        } else {
            progress.note("run", "Run " + runId + " in " + dir + " (merging into " + branch + "): planning...");
            TaskGraph graph = assembly.withReviewers(plan(assembly));
            progress.note("plan", "Plan: " + graph.ids());
            if (progress instanceof TextProgress text) {
                text.tasks(graph.ids());
            }
            result = orchestrator.run(runId, task, graph);
        }
        progress.close();
        boolean ok = result.status().isSuccess();
        progress.note(ok ? "done" : "failed", "Result: " + result.status()
                + (result.detail().isEmpty() ? "" : " (" + result.detail() + ")"));
        return new Outcome(runId, ok);
    }

    /** The run's progress display, as the command's options ask. */
    Progress progress(CliContext ctx) {
        return json ? Progress.json(ctx.out()) : Progress.text(ctx.terminal(progressMode), PriceTable.defaults());
    }

    /** The planner's graph for the task; a plan that cannot be had ends the command (exit 1: not bad input). */
    TaskGraph plan(Assembly assembly) {
        try {
            return assembly.planner().plan(task);
        } catch (StructuredOutputException | InvalidGraphException e) {
            assembly.settings().progress().close();
            throw new CliException("planning failed, nothing was run: " + JournalRead.oneLine(e.getMessage()), 1);
        }
    }

    private Outcome solo(Assembly assembly, Path dir) {
        Progress progress = assembly.settings().progress();
        Agent agent = assembly.soloAgent(dir);
        RunOptions options = assembly.soloOptions();
        AgentLoop loop = resume != null ? agent.resumeLoop(resume, options) : agent.start(task, options);
        progress.note("run", "Run " + loop.runId() + " in " + dir);
        RunResult result = loop.run();
        progress.close();
        progress.note(result.isSuccess() ? "done" : "failed", "Result: " + result.stopReason()
                + (result.detail().isEmpty() ? "" : " (" + result.detail() + ")") + "\n" + result.finalText());
        return new Outcome(loop.runId(), result.isSuccess());
    }

    private int offline(CliContext ctx) {
        if (resume != null) {
            throw new CliException("--resume cannot be used with --offline: a recorded session is replayed from its start");
        }
        Path work = Demo.tempDir();
        if (repo != null || task != null) {
            ctx.err().println("openagention: --offline runs the bundled recorded session on the bundled sample project;"
                    + " the task and --repo are not used");
        }
        return DemoCommand.run(ctx, work, journalDir, Math.min(parallelism, 2), json, progressMode);
    }

    private void checkBudgets() {
        if (maxTurns < 1) {
            throw new CliException("--max-turns must be at least 1: " + maxTurns);
        }
        if (parallelism < 1) {
            throw new CliException("--parallelism must be at least 1: " + parallelism);
        }
        if (maxTokens < 0) {
            throw new CliException("--max-tokens cannot be negative: " + maxTokens);
        }
        if (maxCost < 0 || Double.isNaN(maxCost)) {
            throw new CliException("--max-cost must be zero or positive: " + maxCost);
        }
    }

    static String checkProgress(String mode) {
        if (!List.of("auto", "live", "plain").contains(mode)) {
            throw new CliException("--progress " + mode + ": use auto, live or plain");
        }
        return mode;
    }

    /**
     * The branch checked out in {@code dir}, which an orchestrated run merges into; refused unless
     * {@code dir} is a git repository on a branch with a clean working tree (git will not merge
     * over local changes, and the run's journal is already excluded).
     */
    private static String targetBranch(Path dir) {
        if (!Git.run(dir, "rev-parse", "--git-dir").ok()) {
            throw new CliException("--plan works on a git repository (each task in its own worktree, merged back):"
                    + " " + dir + " is not one; run 'git init' and commit, or leave --plan out");
        }
        var branch = Git.run(dir, "symbolic-ref", "--quiet", "--short", "HEAD");
        if (!branch.ok()) {
            throw new CliException("--plan merges accepted work into the branch checked out in " + dir
                    + ", but its HEAD is detached: check out a branch first");
        }
        var head = Git.run(dir, "rev-parse", "--verify", "--quiet", "HEAD");
        if (!head.ok()) {
            throw new CliException("--plan needs a first commit on branch " + branch.out().strip() + " in " + dir
                    + " (worktrees start from it): commit your files first");
        }
        List<String> changed = Git.check(dir, "status", "--porcelain", "--untracked-files=all").lines().toList();
        if (!changed.isEmpty()) {
            throw new CliException("--plan merges accepted work into branch " + branch.out().strip() + " of " + dir
                    + ", and git will not merge over local changes: commit or stash them first ("
                    + changed.size() + (changed.size() == 1 ? " change: " : " changes: ")
                    + String.join(", ", changed.subList(0, Math.min(3, changed.size())).stream()
                            .map(String::strip).toList()) + (changed.size() > 3 ? ", ..." : "") + ")");
        }
        return branch.out().strip();
    }

    private static Orchestrator orchestrator(Assembly assembly, Path dir, String branch) {
        try {
            return assembly.orchestrator(dir, branch);
        } catch (WorkspaceException | ConfigurationException e) {
            throw new CliException("--plan cannot work on " + dir + ": " + JournalRead.oneLine(e.getMessage()));
        }
    }
}
