// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * One task graph run as a Temporal workflow: the orchestrator's supervisor in workflow code, each
 * attempt a child {@link AgentWorkflow}. The names are part of the wire contract: do not rename.
 */
@WorkflowInterface
public interface GraphWorkflow {

    /** Runs the graph; returns how it ended as JSON ({@link GraphOutcome}). */
    @WorkflowMethod(name = "openagention.TaskGraph")
    String run(GraphInput input);

    /** The run's journal so far: the orchestrator's {@code graph.*} and {@code task.*} facts. */
    @QueryMethod(name = "journal")
    List<JournalRow> journal();

    /** How the run ended as JSON, or null while it runs. */
    @QueryMethod(name = "result")
    String result();
}
