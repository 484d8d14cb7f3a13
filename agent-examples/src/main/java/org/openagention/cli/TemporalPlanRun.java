// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openagention.core.Limits;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalStore;
import org.openagention.orchestration.FailurePolicy;
import org.openagention.orchestration.JournalEvents;
import org.openagention.orchestration.OrchestrationEvent;
import org.openagention.orchestration.OrchestrationResult;
import org.openagention.orchestration.graph.Budget;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.temporal.GraphOptions;
import org.openagention.temporal.TemporalGraphRun;
import org.openagention.temporal.TemporalGraphs;
import org.openagention.temporal.TemporalRunOptions;

/**
 * {@code openagention run "<task>" --plan --temporal HOST:PORT --remote GIT_URL --hosts NAME}: plans
 * the task here, as a local {@code run --plan} does, submits the graph to the workers of the task
 * queue ({@code openagention worker}), and follows it like a local run: the same progress display,
 * fed by the events of the graph's journal (polled), the same exit codes, and the HTML report of
 * the whole run (every attempt's agent run included) at the end. Loaded only by
 * {@link TemporalCommands}.
 */
final class TemporalPlanRun {
    private static final Duration POLL = Duration.ofMillis(500);

    private TemporalPlanRun() {}

    /** What {@code --temporal} needs: a planned run, a task, the shared remote and the hosts. */
    static void check(RunCommand c) {
        if (c.resume != null) {
            throw new CliException("--resume is not needed with --temporal: Temporal resumes a run itself (see it with"
                    + " 'openagention report RUN_ID --temporal " + c.temporal + "')");
        }
        if (!c.plan) {
            throw new CliException("--temporal runs a planned graph on Temporal workers: add --plan (a single agent"
                    + " runs here, without --temporal)");
        }
        if (c.task == null || c.task.isBlank()) {
            throw new CliException("missing the task: openagention run \"<what to do>\" --plan --temporal HOST:PORT"
                    + " --remote GIT_URL --hosts NAME");
        }
        if (c.remote == null || c.remote.isBlank()) {
            throw new CliException("--temporal needs --remote GIT_URL: the shared git remote the workers' hosts clone"
                    + " and push to");
        }
        if (c.hosts == null || c.hosts.isEmpty() || c.hosts.stream().anyMatch(String::isBlank)) {
            throw new CliException("--temporal needs --hosts NAME[,NAME...]: the hosts of 'openagention worker --host"
                    + " NAME' that hold the tasks' clones (the first one merges)");
        }
        if (c.repo != null) {
            throw new CliException("--repo is not used with --temporal: the hosts work on clones of --remote " + c.remote);
        }
    }

    /** Plans, submits and follows the run; 0 when it succeeded, 1 when not. */
    static int run(RunCommand c, WorkflowClient client) {
        CliContext ctx = c.parent.context();
        ModelChoice chosen = ModelChoice.resolve(ctx.env(), c.model,
                Options.http(c.connectTimeout, c.idleTimeout, c.requestTimeout));
        Path reports = c.journalDir != null ? c.journalDir : Path.of(".");
        JournalStore planning = JournalStore.inMemory();
        Progress progress = c.progress(ctx);
        Assembly assembly = new Assembly(new Assembly.Settings(chosen.model(), "", c.approval,
                new ConsoleApprover(ctx.terminal("plain")), c.maxTurns, c.maxTokens, c.maxCost, c.timeout,
                c.parallelism, planning, progress, Clock.systemUTC()));
        String runId = Assembly.newRunId("orch");
        progress.note("model", "Model: " + chosen.description() + " (planner here; workers use their own); Temporal: "
                + c.temporal + " namespace " + c.namespace + ", task queue " + c.taskQueue);
        progress.note("run", "Run " + runId + " on hosts " + c.hosts + " (merging into " + c.target + " of " + c.remote
                + "): planning...");
        TaskGraph graph = c.plan(assembly);
        progress.note("plan", "Plan: " + graph.ids());
        if (progress instanceof TextProgress text) {
            text.tasks(graph.ids());
        }
        GraphOptions options = GraphOptions.builder("coder").runId(runId).target(c.target)
                .hosts(c.hosts.toArray(String[]::new)).remote(c.remote).parallelism(c.parallelism)
                .failurePolicy(FailurePolicy.SKIP_DEPENDENTS)
                .budget(new Budget(c.maxTokens, c.maxCost, c.timeout))
                .attempts(TemporalRunOptions.builder().limits(Limits.builder().maxTurns(c.maxTurns).build()).build())
                .build();
        TemporalGraphRun run;
        try {
            run = TemporalGraphs.client(client, c.taskQueue).start(c.task, graph, options);
        } catch (IllegalArgumentException e) {
            progress.close();
            throw new CliException("the plan cannot run on Temporal, nothing was run: " + e.getMessage(), 1);
        }
        progress.note("submitted", "Submitted " + runId + " to task queue " + c.taskQueue + "; following it");
        String failure = follow(client, run, progress);
        progress.close();
        boolean ok;
        if (failure != null) {
            ok = false;
            progress.note("failed", "Result: FAILED (" + failure + ")");
        } else {
            OrchestrationResult result = run.result();
            ok = result.status().isSuccess();
            progress.note(ok ? "done" : "failed", "Result: " + result.status()
                    + (result.detail().isEmpty() ? "" : " (" + result.detail() + ")"));
        }
        JournalStore store = TemporalCommands.collect(client, runId, c.temporal, c.namespace);
        progress.note("report", "Report: " + ReportCommand.write(store, reports, runId, null));
        return ok ? 0 : 1;
    }

    /**
     * Shows the run's journal as progress events until the workflow ends; null when it ended with
     * a result, else why it failed (a graph the workers cannot run, a termination).
     */
    private static String follow(WorkflowClient client, TemporalGraphRun run, Progress progress) {
        WorkflowStub stub = client.newUntypedWorkflowStub(run.runId());
        JournalEvents events = JournalEvents.of(run.runId());
        String failure = null;
        boolean ended = false;
        while (!ended) {
            try {
                stub.getResult(POLL.toMillis(), TimeUnit.MILLISECONDS, String.class);
                ended = true;
            } catch (TimeoutException e) {
                // still running
            } catch (WorkflowException e) {
                ended = true;
                failure = JournalRead.oneLine(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            }
            for (OrchestrationEvent e : events.read(journal(run))) {
                progress.onEvent(e);
            }
        }
        return failure;
    }

    /** The graph's journal so far; empty while no worker answers the query (it is asked again). */
    private static List<JournalEntry> journal(TemporalGraphRun run) {
        try {
            return run.journal();
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
