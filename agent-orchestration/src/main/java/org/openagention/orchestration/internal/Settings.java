package org.openagention.orchestration.internal;

import java.time.Clock;
import java.util.List;
import org.openagention.core.Sleeper;
import org.openagention.core.journal.JournalStore;
import org.openagention.orchestration.Budget;
import org.openagention.orchestration.FailurePolicy;
import org.openagention.orchestration.OrchestrationListener;
import org.openagention.orchestration.Planner;
import org.openagention.orchestration.ReviewQueue;
import org.openagention.orchestration.SandboxAvailability;
import org.openagention.orchestration.TaskWorkspaces;
import org.openagention.orchestration.WorkerFactory;

/** An orchestrator's configuration, as the supervisor sees it. {@code planner} may be null. */
public record Settings(WorkerFactory workers, TaskWorkspaces workspaces, JournalStore journal, int parallelism,
        FailurePolicy failurePolicy, Planner planner, int maxReplans, Budget budget,
        List<OrchestrationListener> listeners, Sleeper sleeper, Clock clock, ReviewQueue reviews,
        SandboxAvailability sandbox) {}
