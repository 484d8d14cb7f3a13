// SPDX-License-Identifier: Apache-2.0
/**
 * Planners: a {@link org.openagention.orchestration.planning.Planner} turns a goal into a task graph,
 * and a {@link org.openagention.orchestration.planning.Replan} (what is done, what failed) into the
 * rest of one. {@link org.openagention.orchestration.planning.FixedPlanner} returns graphs written in
 * code; {@link org.openagention.orchestration.planning.LlmPlanner} asks a model for a structured plan
 * and validates it.
 */
package org.openagention.orchestration.planning;
