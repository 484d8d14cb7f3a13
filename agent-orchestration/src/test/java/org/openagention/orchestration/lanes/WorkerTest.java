// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openagention.core.Agent;
import org.openagention.core.ConfigurationException;
import org.openagention.core.Limits;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.testing.FakeModel;
import org.openagention.orchestration.graph.Budget;

class WorkerTest {

    @Test
    void oneAgentServesEveryAttemptEachARunOfItsOwnInTheOptionsJournal() {
        int[] n = {0};
        FakeModel model = FakeModel.answering(req -> ModelResponse.builder().finishReason(FinishReason.TOOL_USE)
                .addToolUse("c" + (++n[0]), "missing", "{\"n\":" + n[0] + "}").build());
        Agent agent = Agent.builder().model(model).build();
        JournalStore journal = JournalStore.inMemory();
        Worker worker = Worker.of(agent, RunOptions.builder().journal(journal)
                .limits(Limits.builder().maxTurns(3).timeout(Duration.ofMinutes(5)).build()).build());

        RunResult first = worker.run("attempt 1", Budget.UNLIMITED);
        RunResult second = worker.run("attempt 2", Budget.UNLIMITED.withMaxWallClock(Duration.ofMinutes(1)));

        assertThat(first.runId()).isNotEqualTo(second.runId());
        assertThat(journal.runIds()).containsExactly(first.runId(), second.runId());
        assertThat(first.stopReason()).isEqualTo(StopReason.MAX_TURNS); // the options' own limits hold
        assertThat(first.turns()).isEqualTo(3);
    }

    @Test
    void optionsWithARunIdAreRefused() {
        Agent agent = Agent.builder().model(new FakeModel()).build();
        RunOptions fixed = RunOptions.builder().runId("run-1").build();
        assertThatThrownBy(() -> Worker.of(agent, fixed)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cannot carry a run id");
        assertThatThrownBy(() -> WorkerFactory.agents((t, ws) -> agent, fixed))
                .isInstanceOf(ConfigurationException.class);
    }
}
