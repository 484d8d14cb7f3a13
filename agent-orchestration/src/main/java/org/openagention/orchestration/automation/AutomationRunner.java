// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.automation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openagention.orchestration.internal.StepFactories;
import org.openagention.core.ConfigurationException;
import org.openagention.core.Sleeper;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.journal.StepExecutor;
import org.openagention.orchestration.skills.SkillSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts agents in the background when the world changes: files in a workspace, a new commit on
 * a branch, a schedule.
 *
 * <p>{@link #register} starts an automation's trigger; each firing runs a fresh agent from the
 * automation's factory on a background thread, so callers never block. Runs of one automation go
 * one at a time: a trigger that fires while a run is going is queued (firings merged) and runs
 * next. Runs of different automations are independent: a missing skill, a failing factory or a
 * timeout ends that run ({@link AutomationStatus#FAILED} or {@link AutomationStatus#TIMED_OUT},
 * with a message) and nothing else. Each run has its own journal in the runner's
 * {@link JournalStore} ({@link AutomationRun#runId()}), its facts recorded through a
 * {@link StepExecutor}, and the agent's run is journaled there too.
 *
 * <pre>{@code
 * try (AutomationRunner runner = AutomationRunner.builder().skills(skills)
 *         .journal(JournalStore.file(Path.of(".openagention/automations"))).build()) {
 *     runner.addListener(run -> log.info("{}", run));
 *     runner.register(Automation.builder("docs").trigger(Trigger.fileChanges(Path.of("docs"), Duration.ofSeconds(2)))
 *             .agent(() -> docsAgent).input("Check the changed docs for broken links.").build());
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops the triggers, cancels running agents and stops the
 * runner's threads.
 */
public final class AutomationRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AutomationRunner.class);

    private final StepExecutor.Factory steps;
    private final SkillSet skills;
    private final Ticker ticker;
    private final boolean ownsTicker;
    private final Clock clock;
    private final RunLog log;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final ExecutorService threads;
    private volatile boolean closed;

    /** The state of one registered automation. Guarded by its own monitor. */
    private static final class Slot {
        final Automation automation;
        AutoCloseable trigger;
        boolean busy;
        TriggerEvent queued;
        RunExecution current;
        final Map<String, AutomationRun> runs = new LinkedHashMap<>();

        Slot(Automation automation) {
            this.automation = automation;
        }
    }

    private AutomationRunner(Builder b) {
        this.steps = StepFactories.choose(b.journal, b.stepExecutor, JournalStore.inMemory(), b.clock, Sleeper.SYSTEM);
        this.skills = b.skills;
        this.ownsTicker = b.ticker == null;
        this.ticker = b.ticker != null ? b.ticker : Ticker.system();
        this.clock = b.clock;
        this.log = new RunLog();
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "automation-run-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Adds a listener for run status changes and trigger problems. */
    public void addListener(AutomationListener listener) {
        log.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Registers {@code automation} and starts its trigger; when this returns the trigger is armed.
     *
     * <ul>
     *   <li>{@link Trigger.FileChanges}: every directory of the tree is registered with the file
     *       system's watch service before this returns, so a file written the moment it returns is
     *       seen (one run per burst, after the debounce).
     *   <li>{@link Trigger.GitCommits}: the branch's commit is read before this returns and is the
     *       baseline; any commit made after it, even before the first poll, starts a run at that
     *       poll. Commits already there at registration do not.
     *   <li>{@link Trigger.Schedule}: the first run is one interval after registration.
     * </ul>
     *
     * @throws ConfigurationException when the id is taken, a watched directory does not exist, or
     *     a repository is not a git repository
     * @throws IllegalStateException when the runner is closed
     */
    public void register(Automation automation) {
        Objects.requireNonNull(automation, "automation");
        Slot slot = new Slot(automation);
        synchronized (slot) {
            if (closed) {
                throw new IllegalStateException("the automation runner is closed");
            }
            if (slots.putIfAbsent(automation.id(), slot) != null) {
                throw new ConfigurationException("an automation with id '" + automation.id() + "' is already registered");
            }
            try {
                slot.trigger = startTrigger(slot);
            } catch (RuntimeException e) {
                slots.remove(automation.id());
                throw e;
            }
        }
    }

    private AutoCloseable startTrigger(Slot slot) {
        Automation a = slot.automation;
        String id = a.id();
        Trigger trigger = a.trigger();
        if (trigger instanceof Trigger.FileChanges files) {
            return FileWatcher.start(files, ticker, e -> fire(slot, e), p -> problem(id, p), clock, id);
        } else if (trigger instanceof Trigger.GitCommits commits) {
            CommitPoller poller = CommitPoller.start(commits, e -> fire(slot, e), p -> problem(id, p), clock);
            return ticker.every(commits.pollInterval(), guarded(id, poller::poll))::cancel;
        } else if (trigger instanceof Trigger.Schedule schedule) {
            return ticker.every(schedule.interval(), guarded(id, () -> fire(slot,
                    new TriggerEvent("the schedule (every " + schedule.interval() + ")", List.of(), clock.instant()))))::cancel;
        }
        return () -> {};
    }

    private Runnable guarded(String id, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                problem(id, "the trigger failed: " + e);
            }
        };
    }

    /**
     * Starts a run of the automation now (or queues it behind the one running), whatever its trigger.
     *
     * @throws ConfigurationException when no automation has that id
     */
    public void trigger(String automationId) {
        fire(slot(automationId), new TriggerEvent("started by hand", List.of(), clock.instant()));
    }

    /** The status of the automation's latest run; {@link AutomationStatus#IDLE} before its first. */
    public AutomationStatus status(String automationId) {
        List<AutomationRun> runs = runs(automationId);
        return runs.isEmpty() ? AutomationStatus.IDLE : runs.get(runs.size() - 1).status();
    }

    /**
     * The automation's runs so far, oldest first, each as its latest snapshot.
     *
     * @throws ConfigurationException when no automation has that id
     */
    public List<AutomationRun> runs(String automationId) {
        Slot slot = slot(automationId);
        synchronized (slot) {
            return List.copyOf(slot.runs.values());
        }
    }

    /** The ids of the registered automations. */
    public List<String> automationIds() {
        return List.copyOf(slots.keySet());
    }

    private Slot slot(String id) {
        Slot slot = slots.get(id);
        if (slot == null) {
            throw new ConfigurationException("no automation with id '" + id + "' is registered"
                    + (slots.isEmpty() ? "" : "; registered: " + String.join(", ", slots.keySet())));
        }
        return slot;
    }

    private void fire(Slot slot, TriggerEvent event) {
        synchronized (slot) {
            if (closed) {
                return;
            }
            if (slot.busy) {
                slot.queued = slot.queued == null ? event : slot.queued.merge(event);
                return;
            }
            slot.busy = true;
        }
        threads.execute(() -> runWhileQueued(slot, event));
    }

    private void runWhileQueued(Slot slot, TriggerEvent first) {
        TriggerEvent event = first;
        while (event != null) {
            runOnce(slot, event);
            synchronized (slot) {
                event = closed ? null : slot.queued;
                slot.queued = null;
                slot.busy = event != null;
            }
        }
    }

    private void runOnce(Slot slot, TriggerEvent event) {
        Automation a = slot.automation;
        String runId = a.id() + "-" + UUID.randomUUID().toString().substring(0, 8);
        StepExecutor run = steps.open(runId);
        log.triggered(run, a.id(), event);
        AutomationRun start = new AutomationRun(a.id(), runId, AutomationStatus.RUNNING, event, "", null, "",
                clock.instant());
        if (closed) {
            update(slot, run, start.with(AutomationStatus.FAILED, "the automation runner closed before the run started",
                    null, "", clock.instant()));
            return;
        }
        RunExecution execution = new RunExecution(a, skills, steps, ticker, clock, r -> update(slot, run, r));
        synchronized (slot) {
            slot.current = execution;
        }
        update(slot, run, start);
        AutomationRun end;
        try {
            end = execution.run(start);
        } catch (RuntimeException e) {
            end = start.with(AutomationStatus.FAILED, "the run failed: " + e, null, "", clock.instant());
        }
        synchronized (slot) {
            slot.current = null;
        }
        update(slot, run, end);
    }

    private void update(Slot slot, StepExecutor steps, AutomationRun run) {
        synchronized (slot) {
            slot.runs.put(run.runId(), run);
        }
        log.status(steps, run);
    }

    private void problem(String automationId, String problem) {
        log.problem(automationId, problem);
    }

    /**
     * Stops every trigger, cancels running agents (their runs end {@link AutomationStatus#FAILED},
     * saying the runner closed) and stops the runner's threads, waiting a few seconds for them.
     */
    @Override
    public void close() {
        closed = true;
        List<Slot> all = new ArrayList<>(slots.values());
        for (Slot slot : all) {
            synchronized (slot) {
                slot.queued = null;
                try {
                    if (slot.trigger != null) {
                        slot.trigger.close();
                    }
                } catch (Exception e) {
                    LOG.warn("stopping the trigger of automation {} failed", slot.automation.id(), e);
                }
                if (slot.current != null) {
                    slot.current.cancelForClose();
                }
            }
        }
        threads.shutdown();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (ownsTicker) {
            ticker.close();
        }
    }

    /** Builds an {@link AutomationRunner}. Not thread-safe. */
    public static final class Builder {
        private JournalStore journal;
        private StepExecutor.Factory stepExecutor;
        private SkillSet skills;
        private Ticker ticker;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * Where each run's journal goes (in memory by default): the runs' facts and their agents'
         * steps go through {@link StepExecutor#journaling} of this store. Instead of {@link #stepExecutor}.
         */
        public Builder journal(JournalStore journal) {
            this.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        /**
         * Replaces how each run's facts and its agent's steps are run and journaled: the factory is
         * opened with the automation run's id for its facts and with the agent run's id for the
         * agent (a durable-execution engine plugs in here). Instead of {@link #journal}.
         */
        public Builder stepExecutor(StepExecutor.Factory stepExecutor) {
            this.stepExecutor = Objects.requireNonNull(stepExecutor, "stepExecutor");
            return this;
        }

        /** The skills automations may name with {@link Automation.Builder#skill(String)}. */
        public Builder skills(SkillSet skills) {
            this.skills = Objects.requireNonNull(skills, "skills");
            return this;
        }

        /**
         * Runs schedules, polls, debounce timers and timeouts; {@link Ticker#system()} by default
         * (closed with the runner). A ticker passed here is not closed by the runner.
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** The clock for event times; tests pass a fake. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws ConfigurationException when both a journal and a step executor are given */
        public AutomationRunner build() {
            StepFactories.refuseBoth("an automation runner", journal, stepExecutor);
            return new AutomationRunner(this);
        }
    }
}
