// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

import java.util.List;
import org.openagention.orchestration.FailurePolicy;

/**
 * The graph workflow's argument, as data (it is stored in the workflow's history): the graph
 * ({@code TaskGraph#toJson}), the agent every task runs, the branch merged into, the hosts' task
 * queues (the integrator among them), the orchestrator's settings, and an attempt's run settings
 * ({@code attempt}: limits and step settings; its agent, input and id are per attempt), and the
 * shared git remote the hosts clone ({@code remote}; null when the hosts were each given theirs).
 */
public record GraphInput(String runId, String goal, String graphJson, String agentName, String target,
        List<String> hosts, String integrator, int parallelism, FailurePolicy failurePolicy, long maxTokens,
        double maxCostUsd, long maxWallClockMillis, RunInput attempt, long pickupMillis,
        String remote) {}
