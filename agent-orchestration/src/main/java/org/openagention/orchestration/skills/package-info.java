// SPDX-License-Identifier: Apache-2.0
/**
 * Skills in the Agent Skills layout and project instructions (course chapter 13).
 *
 * <p>{@link org.openagention.orchestration.skills.SkillLoader} reads skill folders and reports
 * the malformed ones with file and line; {@link org.openagention.orchestration.skills.SkillSet}
 * gives an agent the skills' catalogue and the tools that load them (and their own tools) on
 * demand; {@link org.openagention.orchestration.skills.ProjectInstructions} reads
 * {@code AGENTS.md} and {@code CLAUDE.md} files.
 */
package org.openagention.orchestration.skills;
