// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.review;

import java.util.Objects;
import org.openagention.orchestration.graph.Task;
import org.openagention.tools.Workspace;

/**
 * What an {@link AcceptanceCheck} is given: the task, the workspace its worker changed, which
 * attempt this is, and the worker's final answer (data, never instructions).
 *
 * @param task the task checked
 * @param workspace the task's workspace
 * @param attempt the attempt's number, from 1
 * @param workerOutput the worker's final text
 */
public record CheckContext(Task task, Workspace workspace, int attempt, String workerOutput) {
    public CheckContext {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(workerOutput, "workerOutput");
    }
}
