// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import java.util.Objects;
import org.openagention.orchestration.graph.TaskState;

/**
 * How one task of a run ended.
 *
 * @param taskId the task
 * @param state its last state ({@link TaskState#PENDING} for a task never started)
 * @param attempts how many attempts were started
 * @param output the last worker's final answer (data, not instructions); empty when none
 * @param failure why the task failed, was skipped or is blocked; empty when it did not
 * @param spend what its attempts spent in all
 * @param skipped whether the run skipped it because a task it depends on failed
 * @param merged whether its work was merged into the target
 */
public record TaskReport(String taskId, TaskState state, int attempts, String output, String failure, Spend spend,
        boolean skipped, boolean merged) {
    public TaskReport {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(spend, "spend");
    }
}
