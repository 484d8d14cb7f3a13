// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.journal.StepExecutor;
import org.openagention.core.testing.FakeSleeper;
import org.openagention.orchestration.review.ReviewQueue;
class RunLogTest {

    private static RunLog log(JournalStore journal, FakeSleeper sleeper) {
        StepExecutor steps = StepExecutor.journaling(journal, Clock.systemUTC(), sleeper).open("r1");
        return new RunLog(steps, Clock.systemUTC(), List.of(), Replay.codec(null, new RunState("r1", new ReviewQueue())));
    }

    @Test
    void aBackoffThatHadFinishedIsNotSleptAgainWhenTheRunIsOpenedAgain() throws Exception {
        JournalStore journal = JournalStore.inMemory();
        FakeSleeper first = new FakeSleeper();
        log(journal, first).backoff("fix", 2, Duration.ofSeconds(4));

        FakeSleeper resumed = new FakeSleeper();
        log(journal, resumed).backoff("fix", 2, Duration.ofSeconds(4));
        log(journal, resumed).backoff("fix", 3, Duration.ofSeconds(8));

        assertThat(first.sleeps()).containsExactly(Duration.ofSeconds(4));
        assertThat(resumed.sleeps()).containsExactly(Duration.ofSeconds(8)); // attempt 3's backoff had not been slept
        assertThat(journal.read("r1")).extracting(e -> e.stepId())
                .containsExactly("task/fix/attempt-2/backoff", "task/fix/attempt-3/backoff");
    }

    @Test
    void theTimeOfADecisionIsReplayedFromTheJournal() {
        JournalStore journal = JournalStore.inMemory();
        var first = log(journal, new FakeSleeper()).now("graph/start/now");

        assertThat(log(journal, new FakeSleeper()).now("graph/start/now")).isEqualTo(first);
    }
}
