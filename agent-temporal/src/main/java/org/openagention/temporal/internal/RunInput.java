// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

/**
 * The agent workflow's argument (with {@code place} null for a run that is not a graph task's attempt): everything the run needs, as data (it is stored in the
 * workflow's history). Limits and step settings are carried here rather than read from the worker,
 * so every worker replays the run with the same ones.
 */
public record RunInput(String agentName, String input, String runId, int maxTurns, long maxTokens, double maxCostUsd,
        long timeoutMillis, int maxConsecutiveToolErrors, int maxRepeatedCalls, boolean streaming,
        StepSettings steps, TaskPlace place) {}
