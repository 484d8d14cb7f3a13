// SPDX-License-Identifier: Apache-2.0
/**
 * Subagents defined in files, so a user needs no code to give the agent helpers:
 * {@code .openagention/agents/*.md} and Claude Code's {@code .claude/agents/*.md}.
 *
 * <p>{@link org.openagention.orchestration.agents.AgentDefinitions} reads the definitions and
 * reports malformed files with path and line; {@link org.openagention.orchestration.agents.AgentDefinitions#asTools}
 * turns them into {@link org.openagention.core.Subagent} tools for a parent agent.
 */
package org.openagention.orchestration.agents;
