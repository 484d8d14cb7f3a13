// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

import org.openagention.orchestration.review.AcceptanceCheck;
import org.openagention.orchestration.review.CheckContext;
import org.openagention.orchestration.review.Verdict;

/**
 * A task's built-in acceptance check run on the host holding its clone: the workflow holds the
 * check as a one-task graph ({@code TaskGraph#toJson}) and the host rebuilds and runs it there.
 */
final class HostCheck implements AcceptanceCheck {
    private final RemoteLanes lanes;
    private final String taskJson;
    private final String description;

    HostCheck(RemoteLanes lanes, String taskJson, String description) {
        this.lanes = lanes;
        this.taskJson = taskJson;
        this.description = description;
    }

    @Override
    public Verdict verify(CheckContext context) {
        return lanes.check(context.task(), taskJson, context.attempt(), context.workerOutput());
    }

    @Override
    public String toString() {
        return description + " on the task's host";
    }
}
