// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.automation;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.openagention.core.Agent;
import org.openagention.core.Limits;

/**
 * One automation: when its {@link Trigger} fires, a fresh agent from its factory runs its input
 * (with the trigger's event appended), optionally with one skill loaded, within a budget and a
 * timeout.
 *
 * <pre>{@code
 * Automation review = Automation.builder("review-main")
 *         .trigger(Trigger.gitCommits(repo, "main", Duration.ofSeconds(30)))
 *         .agent(() -> Agent.builder().model(model).tools(tools).build())
 *         .skill("code-review")
 *         .input("Review the new commits and write findings to REVIEW.md.")
 *         .limits(Limits.builder().maxTurns(30).maxCostUsd(0.50).build())
 *         .timeout(Duration.ofMinutes(10))
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Automation {
    private final String id;
    private final Trigger trigger;
    private final Supplier<Agent> agent;
    private final String skill;
    private final String input;
    private final Limits limits;
    private final Duration timeout;

    private Automation(Builder b) {
        this.id = b.id;
        this.trigger = Objects.requireNonNull(b.trigger, "automation '" + b.id + "' needs a trigger");
        this.agent = Objects.requireNonNull(b.agent, "automation '" + b.id + "' needs an agent factory");
        this.skill = b.skill;
        this.input = b.input;
        this.limits = b.limits;
        this.timeout = b.timeout;
    }

    /** A builder for an automation with {@code id}: letters, digits, '.', '_' and '-'. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    public String id() {
        return id;
    }

    public Trigger trigger() {
        return trigger;
    }

    /** Makes the agent for each run; called once per run, on the run's thread. */
    public Supplier<Agent> agentFactory() {
        return agent;
    }

    /** The skill loaded into each run's agent, when one is named. */
    public Optional<String> skill() {
        return Optional.ofNullable(skill);
    }

    /** What the agent is asked to do; the trigger's event is appended. */
    public String input() {
        return input;
    }

    /** The run's limits (its {@link org.openagention.core.RunOptions}); empty for {@link Limits#defaults()}. */
    public Optional<Limits> limits() {
        return Optional.ofNullable(limits);
    }

    /** How long a run may take before it is cancelled and marked timed out; zero for no timeout. */
    public Duration timeout() {
        return timeout;
    }

    /** Builds an {@link Automation}: a trigger and an agent factory are required. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private Trigger trigger;
        private Supplier<Agent> agent;
        private String skill;
        private String input = "";
        private Limits limits;
        private Duration timeout = Duration.ZERO;

        private Builder(String id) {
            Objects.requireNonNull(id, "id");
            if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("automation id '" + id
                        + "' is not valid: use 1 to 64 letters, digits, '.', '_' or '-'");
            }
            this.id = id;
        }

        public Builder trigger(Trigger trigger) {
            this.trigger = Objects.requireNonNull(trigger, "trigger");
            return this;
        }

        /** The factory of each run's agent (a fresh agent per run). */
        public Builder agent(Supplier<Agent> factory) {
            this.agent = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * A skill of the runner's {@link org.openagention.orchestration.skills.SkillSet} to load
         * into every run. A skill that does not exist fails that run with a message saying so.
         */
        public Builder skill(String skill) {
            this.skill = Objects.requireNonNull(skill, "skill");
            return this;
        }

        public Builder input(String input) {
            this.input = Objects.requireNonNull(input, "input");
            return this;
        }

        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("timeout cannot be negative: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** @throws NullPointerException when the trigger or the agent factory is missing */
        public Automation build() {
            return new Automation(this);
        }
    }
}
