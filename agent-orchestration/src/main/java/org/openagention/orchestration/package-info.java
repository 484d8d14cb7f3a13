// SPDX-License-Identifier: Apache-2.0
/**
 * The control plane's entry point and its results: the {@link org.openagention.orchestration.Orchestrator}
 * runs a task graph with worker agents and returns an {@link org.openagention.orchestration.OrchestrationResult}
 * (a {@link org.openagention.orchestration.RunStatus}, a {@link org.openagention.orchestration.TaskReport}
 * per task, the run's {@link org.openagention.orchestration.Spend}); listeners observe it through
 * {@link org.openagention.orchestration.OrchestrationEvent}s, and a
 * {@link org.openagention.orchestration.FailurePolicy} says what a task that fails for good does to
 * the rest. What a run is made of lives in the feature packages: {@code graph} (tasks and their
 * graph), {@code review} (acceptance checks and reviews), {@code planning} (planners), {@code lanes}
 * (workers and the workspaces they work in).
 */
package org.openagention.orchestration;
