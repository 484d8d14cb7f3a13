// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

/**
 * Where a graph task's attempt runs its tools: the task's workspace key ({@code <run>/<task>}),
 * the task queue of the host holding its clone, and how long a tool call may wait for that host
 * to pick it up before the host counts as lost.
 */
public record TaskPlace(String workspace, String hostQueue, long pickupMillis) {}
