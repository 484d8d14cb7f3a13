// SPDX-License-Identifier: Apache-2.0
/**
 * Tasks and the graph of them: a {@link org.openagention.orchestration.graph.Task} (its goal,
 * dependencies, {@link org.openagention.orchestration.graph.Lane}, {@link org.openagention.orchestration.graph.Budget},
 * retry policy with the {@link org.openagention.orchestration.graph.FailureKind}s it retries, acceptance
 * check and reviewer), its {@link org.openagention.orchestration.graph.TaskState} machine, and the
 * validated {@link org.openagention.orchestration.graph.TaskGraph} (a cycle or a missing dependency
 * is an {@link org.openagention.orchestration.graph.InvalidGraphException} naming it). Values only:
 * running them is the orchestrator's business.
 */
package org.openagention.orchestration.graph;
