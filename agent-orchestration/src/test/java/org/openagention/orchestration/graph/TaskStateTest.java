// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaskStateTest {

    @Test
    void allowsTheTransitionsOfTheStateMachine() {
        assertThat(TaskState.PENDING.moveTo(TaskState.RUNNING)).isEqualTo(TaskState.RUNNING);
        assertThat(TaskState.RUNNING.canMoveTo(TaskState.BLOCKED)).isTrue();
        assertThat(TaskState.RUNNING.canMoveTo(TaskState.REVIEW)).isTrue();
        assertThat(TaskState.RUNNING.canMoveTo(TaskState.DONE)).isTrue();
        assertThat(TaskState.RUNNING.canMoveTo(TaskState.FAILED)).isTrue();
        assertThat(TaskState.BLOCKED.canMoveTo(TaskState.RUNNING)).isTrue();
        assertThat(TaskState.REVIEW.canMoveTo(TaskState.DONE)).isTrue();
        assertThat(TaskState.REVIEW.canMoveTo(TaskState.RUNNING)).isTrue();
        assertThat(TaskState.FAILED.moveTo(TaskState.PENDING)).isEqualTo(TaskState.PENDING);
    }

    @Test
    void refusesEveryOtherTransitionNamingBothStates() {
        int refused = 0;
        for (TaskState from : TaskState.values()) {
            for (TaskState to : TaskState.values()) {
                if (from.canMoveTo(to)) {
                    continue;
                }
                refused++;
                assertThatThrownBy(() -> from.moveTo(to))
                        .isInstanceOf(IllegalTransitionException.class)
                        .hasMessageContaining("from " + from.name().toLowerCase())
                        .hasMessageContaining("to " + to.name().toLowerCase());
            }
        }
        // 36 pairs, 9 allowed.
        assertThat(refused).isEqualTo(27);
    }

    @Test
    void refusesTheCoursesInvalidExamples() {
        assertThatThrownBy(() -> TaskState.PENDING.moveTo(TaskState.DONE)).hasMessage("task cannot move from pending to done");
        assertThatThrownBy(() -> TaskState.DONE.moveTo(TaskState.RUNNING)).hasMessage("task cannot move from done to running");
        assertThatThrownBy(() -> TaskState.PENDING.moveTo(TaskState.FAILED)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> TaskState.BLOCKED.moveTo(TaskState.DONE)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> TaskState.FAILED.moveTo(TaskState.DONE))
                .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                    assertThat(e.from()).isEqualTo("failed");
                    assertThat(e.to()).isEqualTo("done");
                });
    }
}
