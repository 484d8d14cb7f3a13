// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.automation;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.openagention.core.Agent;
import org.openagention.core.AgentException;
import org.openagention.core.AgentLoop;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.core.journal.StepExecutor;
import org.openagention.orchestration.skills.SkillSet;

/** One run of an automation, on the runner's thread: build the agent, run it, decide the status. */
final class RunExecution {
    private final Automation automation;
    private final SkillSet skills;
    private final StepExecutor.Factory steps;
    private final Ticker ticker;
    private final Clock clock;
    private final Consumer<AutomationRun> update;
    private final AtomicBoolean timedOut = new AtomicBoolean();
    private volatile AgentLoop loop;
    private volatile boolean closed;

    RunExecution(Automation automation, SkillSet skills, StepExecutor.Factory steps, Ticker ticker, Clock clock,
            Consumer<AutomationRun> update) {
        this.automation = automation;
        this.skills = skills;
        this.steps = steps;
        this.ticker = ticker;
        this.clock = clock;
        this.update = update;
    }

    /** Runs to the end and returns the final snapshot. Never throws. */
    AutomationRun run(AutomationRun started) {
        Agent agent;
        try {
            agent = agent();
        } catch (RuntimeException e) {
            return started.with(AutomationStatus.FAILED, e.getMessage(), null, "", clock.instant());
        }
        RunOptions.Builder options = RunOptions.builder().stepExecutor(steps);
        automation.limits().ifPresent(options::limits);
        AgentLoop l = agent.start(prompt(started.event()), options.build());
        loop = l;
        if (closed) {
            l.cancel();
        }
        update.accept(started.with(AutomationStatus.RUNNING, "", null, l.runId(), clock.instant()));
        Ticker.Cancellable timer = automation.timeout().isZero() ? null : ticker.after(automation.timeout(), () -> {
            timedOut.set(true);
            l.cancel();
        });
        RunResult result;
        try {
            result = l.run();
        } catch (RuntimeException e) {
            return started.with(AutomationStatus.FAILED, "the agent run failed: " + e, null, l.runId(), clock.instant());
        } finally {
            if (timer != null) {
                timer.cancel();
            }
        }
        return started.with(status(result), detail(result), result, l.runId(), clock.instant());
    }

    private Agent agent() {
        Agent agent;
        try {
            agent = automation.agentFactory().get();
        } catch (RuntimeException e) {
            throw new IllegalStateException("the agent factory of automation '" + automation.id() + "' failed: " + e, e);
        }
        if (agent == null) {
            throw new IllegalStateException("the agent factory of automation '" + automation.id() + "' returned null");
        }
        if (automation.skill().isEmpty()) {
            return agent;
        }
        String skill = automation.skill().get();
        if (skills == null) {
            throw new IllegalStateException("automation '" + automation.id() + "' needs the skill '" + skill
                    + "', but the runner has no skills (configure AutomationRunner.builder().skills(...))");
        }
        try {
            return skills.equip(agent, List.of(skill));
        } catch (AgentException e) {
            throw new IllegalStateException("the skill '" + skill + "' of automation '" + automation.id()
                    + "' could not be loaded: " + e.getMessage(), e);
        }
    }

    private String prompt(TriggerEvent event) {
        return automation.input().isEmpty() ? event.toPrompt() : automation.input() + "\n\n" + event.toPrompt();
    }

    private AutomationStatus status(RunResult result) {
        if (timedOut.get() || result.stopReason() == StopReason.TIMEOUT) {
            return AutomationStatus.TIMED_OUT;
        }
        return result.isSuccess() ? AutomationStatus.COMPLETED : AutomationStatus.FAILED;
    }

    private String detail(RunResult result) {
        if (timedOut.get()) {
            return "the run passed its timeout of " + automation.timeout() + " and was cancelled";
        }
        if (closed && result.stopReason() == StopReason.CANCELLED) {
            return "the run was cancelled because the automation runner closed";
        }
        return result.isSuccess() ? "" : "the run stopped with " + result.stopReason() + ": " + result.detail();
    }

    /** Cancels the run because the runner is closing. */
    void cancelForClose() {
        closed = true;
        AgentLoop l = loop;
        if (l != null) {
            l.cancel();
        }
    }
}
