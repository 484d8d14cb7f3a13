// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The activities behind the agent workflow's steps: each takes the registered agent's name and a
 * step as JSON ({@code Step#toJson}) and returns the step's result encoded by the step's codec.
 */
@ActivityInterface
public interface StepActivities {

    @ActivityMethod(name = "openagention.ModelStep")
    String model(String agentName, String stepJson);

    @ActivityMethod(name = "openagention.ToolStep")
    String tool(String agentName, String stepJson);

    /**
     * A graph task's tool step, on the host holding the task's workspace ({@code <run>/<task>}):
     * the agent's tools are bound to that host's clone, and a call that may write pushes the
     * task's branch afterwards.
     */
    @ActivityMethod(name = "openagention.TaskToolStep")
    String taskTool(String agentName, String workspace, String stepJson);
}
