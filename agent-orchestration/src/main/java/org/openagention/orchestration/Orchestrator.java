// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.openagention.orchestration.internal.StepFactories;
import org.openagention.core.ConfigurationException;
import org.openagention.core.Sleeper;
import org.openagention.core.journal.JournalException;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.journal.StepExecutor;
import org.openagention.orchestration.graph.Budget;
import org.openagention.orchestration.graph.Lane;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.internal.Repositories;
import org.openagention.orchestration.internal.Settings;
import org.openagention.orchestration.internal.Supervisor;
import org.openagention.orchestration.lanes.SandboxAvailability;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.orchestration.lanes.Worker;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.orchestration.planning.Planner;
import org.openagention.orchestration.review.AcceptanceCheck;
import org.openagention.orchestration.review.ReviewQueue;
import org.openagention.orchestration.review.Reviewer;

/**
 * The supervisor of course chapter 9: runs a {@link TaskGraph} with worker agents.
 *
 * <p>Ready tasks (every dependency done) start in parallel up to {@link Builder#parallelism},
 * each in its own workspace from the {@link TaskWorkspaces}, on threads the run's step executor
 * forks ({@link StepExecutor#fork}: virtual threads on JDK 21+, daemon threads on 17; workflow
 * threads when a durable engine runs the graph). Given a git repository ({@link Builder#repository}), the lanes are its
 * worktrees: a worktree per task that writes, created on its first write
 * ({@link TaskWorkspaces#worktrees}). A {@link Lane#LOCAL} task works in the shared tree and runs
 * alone; a {@link Lane#SANDBOXED} task starts only where the {@link SandboxAvailability} says a
 * sandbox can run. Each attempt is a {@link Worker} run whose output is checked by the task's
 * {@link AcceptanceCheck}, then, when the task has a {@link Reviewer}, decided through the
 * {@link ReviewQueue} (approve, reject, or revise: the feedback goes back to the worker). A failed
 * attempt is retried per the task's {@link Task#retryOn()} and {@link Task#retry()}, its prompt starting with the failure; a
 * task that fails for good is handled by the {@link FailurePolicy}. Accepted tasks are merged in
 * dependency order; a merge conflict becomes a new task. A run with nothing ready and nothing
 * running ends ({@link RunStatus#STALLED}) rather than hang. Spending is bounded by nested
 * {@link Budget}s: the graph's, each task's, and the limits given to each attempt's agent.
 *
 * <p>Workers' outputs are data: they reach reports, reviewers and dependent tasks' prompts quoted
 * and labelled, and no decision of the supervisor is read from them.
 *
 * <p>Every decision and state change is a fact recorded through the run's {@link StepExecutor}
 * ({@code graph.*} and {@code task.*} entries in its journal), and so are the time the run's
 * decisions read and each retry's backoff; {@link #resume(String)} finishes a run after a crash
 * from those, without re-running completed tasks or waiting out a finished backoff again.
 *
 * <pre>{@code
 * Orchestrator orchestrator = Orchestrator.builder()
 *         .workers(WorkerFactory.agents((task, ws) -> Agent.builder().model(model)
 *                 .tools(CodingTools.all(ws)).build()))
 *         .repository(Path.of("/home/me/project"))     // a git worktree per mutating task
 *         .journal(JournalStore.file(Path.of(".openagention/runs")))
 *         .parallelism(4)
 *         .failurePolicy(FailurePolicy.SKIP_DEPENDENTS)
 *         .budget(Budget.UNLIMITED.withMaxCostUsd(2.00))
 *         .build();
 * OrchestrationResult result = orchestrator.run(graph);
 * }</pre>
 *
 * Immutable and thread-safe: one orchestrator can run several graphs at once, each run on the
 * thread that calls {@link #run}.
 */
public final class Orchestrator {
    private final Settings settings;

    private Orchestrator(Builder b, TaskWorkspaces lanes) {
        StepExecutor.Factory steps = StepFactories.choose(b.journal, b.stepExecutor, JournalStore.inMemory(), b.clock,
                b.sleeper);
        this.settings = new Settings(b.workers, lanes, steps, b.parallelism, b.failurePolicy, b.planner,
                b.maxReplans, b.budget, List.copyOf(b.listeners), b.clock, b.reviews, b.sandbox);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs {@code graph} to its end under a new run id and returns how it ended. Never throws for task failures. */
    public OrchestrationResult run(TaskGraph graph) {
        return run(newRunId(), "", graph);
    }

    /**
     * Plans {@code goal} with the configured planner, then runs the plan.
     *
     * @throws ConfigurationException when no planner is configured
     */
    public OrchestrationResult run(String goal) {
        Objects.requireNonNull(goal, "goal");
        if (settings.planner() == null) {
            throw new ConfigurationException("run(goal) needs a planner: configure Orchestrator.builder().planner(...)");
        }
        return run(newRunId(), goal, settings.planner().plan(goal));
    }

    /**
     * Runs {@code graph} under {@code runId} (letters, digits, '-', '_' and '.'), for callers that
     * name their runs.
     *
     * <p>A journal under {@code runId} that holds no fact of a run yet (the process died right after
     * the run's first clock read, before {@code graph.started}) is a run that never started: it
     * starts, replaying that clock read.
     *
     * @throws ConfigurationException when the journal already holds a run with that id
     */
    public OrchestrationResult run(String runId, String goal, TaskGraph graph) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(graph, "graph");
        StepExecutor steps = settings.steps().open(runId);
        if (steps.history().stream().anyMatch(e -> e.stepId().isEmpty())) {
            throw new ConfigurationException("the journal already holds a run '" + runId + "': resume it or pick another id");
        }
        return Supervisor.run(settings, steps, runId, goal, graph);
    }

    /**
     * Finishes the run {@code runId} from this orchestrator's journal: tasks that completed keep
     * their journaled results and are not run again; their workspaces are opened again, not
     * recreated; an attempt that was cut off is finished from its worker's own journal when its
     * {@link org.openagention.orchestration.lanes.Worker#canResume worker can resume it} (the same
     * attempt, its finished model and tool calls replayed), else tried again as a new attempt in the
     * same workspace; the rest of the graph runs as usual. A run that had already ended completed or failed is returned as it ended.
     *
     * <p>Only built-in checks ({@link AcceptanceCheck#none()}, {@link AcceptanceCheck#command}) are
     * rebuilt from the journal; for tasks with custom checks or reviewers use
     * {@link #resume(String, TaskGraph)}.
     *
     * @throws JournalException when the journal holds no such run
     * @throws ConfigurationException when a task's check or reviewer cannot be restored
     */
    public OrchestrationResult resume(String runId) {
        Objects.requireNonNull(runId, "runId");
        return Supervisor.resume(settings, settings.steps().open(runId), runId, null);
    }

    /**
     * Like {@link #resume(String)}, taking custom checks and reviewers from {@code originalGraph}
     * (matched by task id); everything else comes from the journal.
     */
    public OrchestrationResult resume(String runId, TaskGraph originalGraph) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(originalGraph, "originalGraph");
        return Supervisor.resume(settings, settings.steps().open(runId), runId, originalGraph);
    }

    /** The queue this orchestrator's reviews go through. */
    public ReviewQueue reviewQueue() {
        return settings.reviews();
    }

    private static String newRunId() {
        return "orch-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /**
     * Builds an {@link Orchestrator}. Workers are required, and either a repository or workspaces.
     * Not thread-safe.
     */
    public static final class Builder {
        private WorkerFactory workers;
        private TaskWorkspaces workspaces;
        private Path repository;
        private String targetBranch;
        private SandboxAvailability sandbox = SandboxAvailability.bubblewrap();
        private JournalStore journal;
        private StepExecutor.Factory stepExecutor;
        private int parallelism = 4;
        private FailurePolicy failurePolicy = FailurePolicy.FAIL_FAST;
        private Planner planner;
        private int maxReplans = 2;
        private Budget budget = Budget.UNLIMITED;
        private final List<OrchestrationListener> listeners = new ArrayList<>();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Clock clock = Clock.systemUTC();
        private ReviewQueue reviews = new ReviewQueue();

        private Builder() {}

        /** Makes the worker of each attempt. */
        public Builder workers(WorkerFactory workers) {
            this.workers = Objects.requireNonNull(workers, "workers");
            return this;
        }

        /** Gives tasks their workspaces and merges accepted work; instead of {@link #repository}. */
        public Builder workspaces(TaskWorkspaces workspaces) {
            this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
            return this;
        }

        /**
         * Works on the git repository whose working tree contains {@code repo}, merging into the
         * branch it has checked out when {@link #build()} runs: the lanes are
         * {@link TaskWorkspaces#worktrees}, a git worktree per mutating task. Instead of
         * {@link #workspaces}.
         */
        public Builder repository(Path repo) {
            this.repository = Objects.requireNonNull(repo, "repo");
            this.targetBranch = null;
            return this;
        }

        /** As {@link #repository(Path)}, merging into {@code targetBranch}. */
        public Builder repository(Path repo, String targetBranch) {
            this.repository = Objects.requireNonNull(repo, "repo");
            this.targetBranch = Objects.requireNonNull(targetBranch, "targetBranch");
            return this;
        }

        /**
         * Says whether {@link Lane#SANDBOXED} tasks can run here (default
         * {@link SandboxAvailability#bubblewrap()}: where bubblewrap cannot run, they fail to start,
         * saying why).
         */
        public Builder sandbox(SandboxAvailability sandbox) {
            this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
            return this;
        }

        /**
         * Where decisions are journaled (default: in memory, so a crash cannot be resumed): the run's
         * steps go through {@link StepExecutor#journaling} of this store, the {@link #clock} and the
         * {@link #sleeper}. Instead of {@link #stepExecutor}.
         */
        public Builder journal(JournalStore journal) {
            this.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        /**
         * Replaces how a run's steps are run and journaled: its facts, the time its decisions read,
         * its retry backoffs (a durable-execution engine plugs in here). Each run (and each
         * resume) opens the factory with its run id; {@link #resume} rebuilds the run from the
         * executor's {@link StepExecutor#history()}. Instead of {@link #journal}; the
         * {@link #sleeper} is then the executor's business, and the {@link #clock} only stamps events.
         */
        public Builder stepExecutor(StepExecutor.Factory stepExecutor) {
            this.stepExecutor = Objects.requireNonNull(stepExecutor, "stepExecutor");
            return this;
        }

        /** The most attempts running at once (default 4). */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /** What to do when a task fails for good (default {@link FailurePolicy#FAIL_FAST}). */
        public Builder failurePolicy(FailurePolicy policy) {
            this.failurePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Plans goals for {@link #run(String)} and replans under {@link FailurePolicy#REPLAN}. */
        public Builder planner(Planner planner) {
            this.planner = Objects.requireNonNull(planner, "planner");
            return this;
        }

        /** How many times one run may replan (default 2). */
        public Builder maxReplans(int maxReplans) {
            if (maxReplans < 0) {
                throw new IllegalArgumentException("maxReplans cannot be negative: " + maxReplans);
            }
            this.maxReplans = maxReplans;
            return this;
        }

        /** The whole graph's budget (default unlimited). */
        public Builder budget(Budget budget) {
            this.budget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        public Builder addListener(OrchestrationListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Waits out retry backoffs; tests pass a fake. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The clock for journal times, events and the graph's wall-clock budget. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The queue reviews go through (default: a new one). */
        public Builder reviewQueue(ReviewQueue reviews) {
            this.reviews = Objects.requireNonNull(reviews, "reviews");
            return this;
        }

        /**
         * @throws ConfigurationException when workers are missing, neither or both of a repository
         *     and workspaces are given, both a journal and a step executor are given, the repository is not a git working tree (or its HEAD is
         *     detached and no target branch was named), or the policy is {@link FailurePolicy#REPLAN}
         *     without a planner
         */
        public Orchestrator build() {
            if (workers == null) {
                throw new ConfigurationException("an orchestrator needs workers: call workers(...)");
            }
            StepFactories.refuseBoth("an orchestrator", journal, stepExecutor);
            if (workspaces != null && repository != null) {
                throw new ConfigurationException("give an orchestrator either a repository(...) or workspaces(...),"
                        + " not both");
            }
            if (failurePolicy == FailurePolicy.REPLAN && planner == null) {
                throw new ConfigurationException("the REPLAN failure policy needs a planner: call planner(...)");
            }
            TaskWorkspaces lanes = repository != null ? Repositories.lanes(repository, targetBranch) : workspaces;
            if (lanes == null) {
                throw new ConfigurationException("an orchestrator needs somewhere to work: call repository(...) for a"
                        + " git repository, or workspaces(...)");
            }
            return new Orchestrator(this, lanes);
        }
    }
}
