// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.skills;

import java.util.List;

/**
 * What {@link SkillLoader} found: the skills that loaded and the problems of those that did not.
 * One bad folder never stops the others from loading.
 *
 * @param skills the skills that loaded, in the order they were found
 * @param problems one entry per folder that was refused, with its file and line
 */
public record SkillLoadResult(List<Skill> skills, List<SkillProblem> problems) {
    public SkillLoadResult {
        skills = List.copyOf(skills);
        problems = List.copyOf(problems);
    }

    /** Whether any folder was refused. */
    public boolean hasProblems() {
        return !problems.isEmpty();
    }
}
