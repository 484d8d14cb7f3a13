// SPDX-License-Identifier: Apache-2.0
/**
 * Where and by whom a task's attempts run: the {@link org.openagention.orchestration.lanes.TaskWorkspaces}
 * give each task its workspace lane (directory copies, or a git worktree per task) and merge accepted
 * work back; the {@link org.openagention.orchestration.lanes.WorkerFactory} makes the
 * {@link org.openagention.orchestration.lanes.Worker} of each attempt, its tools bound to that
 * workspace; {@link org.openagention.orchestration.lanes.SandboxAvailability} says whether a sandboxed
 * lane can run here.
 */
package org.openagention.orchestration.lanes;
