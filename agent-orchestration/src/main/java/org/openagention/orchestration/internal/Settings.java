// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import java.time.Clock;
import java.util.List;
import org.openagention.core.journal.StepExecutor;
import org.openagention.orchestration.FailurePolicy;
import org.openagention.orchestration.OrchestrationListener;
import org.openagention.orchestration.graph.Budget;
import org.openagention.orchestration.lanes.SandboxAvailability;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.orchestration.planning.Planner;
import org.openagention.orchestration.review.ReviewQueue;
/**
 * An orchestrator's configuration, as the supervisor sees it. {@code planner} may be null;
 * {@code steps} opens each run's step executor (its journal, time and timers); {@code clock} only
 * stamps events.
 */
public record Settings(WorkerFactory workers, TaskWorkspaces workspaces, StepExecutor.Factory steps, int parallelism,
        FailurePolicy failurePolicy, Planner planner, int maxReplans, Budget budget,
        List<OrchestrationListener> listeners, Clock clock, ReviewQueue reviews, SandboxAvailability sandbox) {}
