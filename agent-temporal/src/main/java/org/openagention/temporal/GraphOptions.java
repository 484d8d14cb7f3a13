// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openagention.orchestration.FailurePolicy;
import org.openagention.orchestration.graph.Budget;
import org.openagention.temporal.internal.GraphInput;

/**
 * How a task graph runs on Temporal ({@link GraphRuns#start}): the agent every task runs (by the
 * name workers registered it under), the branch merged into, the hosts holding the tasks'
 * workspaces (their task queues) and the one that integrates, the shared git remote they clone, and the orchestrator's own settings
 * (parallelism, failure policy, budget) with each attempt's run options.
 *
 * <pre>{@code
 * GraphOptions options = GraphOptions.builder("coder").target("main").hosts("host-a", "host-b")
 *         .parallelism(4).budget(Budget.UNLIMITED.withMaxCostUsd(5)).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class GraphOptions {
    private final String runId;
    private final String agent;
    private final String target;
    private final List<String> hosts;
    private final String integrator;
    private final int parallelism;
    private final FailurePolicy failurePolicy;
    private final Budget budget;
    private final TemporalRunOptions attempts;
    private final Duration hostPickupTimeout;
    private final String remote;

    private GraphOptions(Builder b) {
        this.runId = b.runId;
        this.agent = b.agent;
        this.target = b.target;
        this.hosts = List.copyOf(b.hosts);
        this.integrator = b.integrator != null ? b.integrator : b.hosts.get(0);
        this.parallelism = b.parallelism;
        this.failurePolicy = b.failurePolicy;
        this.budget = b.budget;
        this.attempts = b.attempts;
        this.hostPickupTimeout = b.hostPickupTimeout;
        this.remote = b.remote;
    }

    /** Options for a graph whose tasks run the agent registered as {@code agent}. */
    public static Builder builder(String agent) {
        return new Builder(agent);
    }

    public Optional<String> runId() {
        return Optional.ofNullable(runId);
    }

    public String agent() {
        return agent;
    }

    public String target() {
        return target;
    }

    public List<String> hosts() {
        return hosts;
    }

    public String integrator() {
        return integrator;
    }

    public int parallelism() {
        return parallelism;
    }

    public FailurePolicy failurePolicy() {
        return failurePolicy;
    }

    public Budget budget() {
        return budget;
    }

    /** Each attempt's run options: limits (narrowed to the attempt's allotment), timeouts, retries. */
    public TemporalRunOptions attempts() {
        return attempts;
    }

    /** How long a host may leave a call unpicked before it is taken for lost. */
    public Duration hostPickupTimeout() {
        return hostPickupTimeout;
    }

    /** The shared git remote the hosts clone and push to, when the graph names it (else each host's own). */
    public Optional<String> remote() {
        return Optional.ofNullable(remote);
    }

    GraphInput toInput(String id, String goal, String graphJson) {
        return new GraphInput(id, goal, graphJson, agent, target, hosts, integrator, parallelism, failurePolicy,
                budget.maxTokens(), budget.maxCostUsd(), budget.maxWallClock().toMillis(),
                attempts.toInput(agent, "", id), hostPickupTimeout.toMillis(), remote);
    }

    /** Builds {@link GraphOptions}; each setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private String runId;
        private final String agent;
        private String target = "main";
        private final List<String> hosts = new ArrayList<>();
        private String integrator;
        private int parallelism = 4;
        private FailurePolicy failurePolicy = FailurePolicy.FAIL_FAST;
        private Budget budget = Budget.UNLIMITED;
        private TemporalRunOptions attempts = TemporalRunOptions.defaults();
        private Duration hostPickupTimeout = Duration.ofSeconds(30);
        private String remote;

        private Builder(String agent) {
            this.agent = requireName(agent, "agent");
        }

        /** The graph run's id, its workflow id (default: a fresh one). */
        public Builder runId(String runId) {
            this.runId = requireName(runId, "runId");
            return this;
        }

        /** The branch of the shared remote that accepted tasks merge into (default {@code main}). */
        public Builder target(String target) {
            this.target = requireName(target, "target");
            return this;
        }

        /** The task queues of the hosts that hold the tasks' workspaces, in the order tasks are spread over them. */
        public Builder hosts(String... hosts) {
            for (String h : hosts) {
                this.hosts.add(requireName(h, "host"));
            }
            return this;
        }

        /** The host that merges and pushes the target (default: the first host). */
        public Builder integrator(String host) {
            this.integrator = requireName(host, "integrator");
            return this;
        }

        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        public Builder failurePolicy(FailurePolicy policy) {
            this.failurePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public Builder budget(Budget budget) {
            this.budget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /** Each attempt's run options (their run id is ignored: attempts are named by the graph). */
        public Builder attempts(TemporalRunOptions attempts) {
            this.attempts = Objects.requireNonNull(attempts, "attempts");
            return this;
        }

        /** How long a host may leave a call unpicked before it counts as lost (default 30 s); positive. */
        public Builder hostPickupTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the host pickup timeout must be positive: " + timeout);
            }
            this.hostPickupTimeout = timeout;
            return this;
        }

        /**
         * The shared git remote (any URL git can push to) the hosts clone and push the graph's
         * branches to. A host started without a remote takes it; a host started with another one
         * fails the task's workspace with both named. Default: none, each host's own.
         */
        public Builder remote(String remote) {
            this.remote = requireName(remote, "remote");
            return this;
        }

        /** @throws IllegalStateException when no host was given */
        public GraphOptions build() {
            if (hosts.isEmpty()) {
                throw new IllegalStateException("a graph on Temporal needs at least one host: GraphOptions.builder(agent)"
                        + ".hosts(\"host-a\", ...)");
            }
            if (integrator != null && !hosts.contains(integrator)) {
                throw new IllegalStateException("the integrator '" + integrator + "' is not one of the hosts " + hosts);
            }
            return new GraphOptions(this);
        }

        private static String requireName(String s, String what) {
            Objects.requireNonNull(s, what);
            if (s.isBlank()) {
                throw new IllegalArgumentException(what + " cannot be blank");
            }
            return s;
        }
    }
}
