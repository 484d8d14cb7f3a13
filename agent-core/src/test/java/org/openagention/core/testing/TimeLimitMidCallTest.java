// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.Limits;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.model.Model;
import org.openagention.core.providers.OpenAiModel;

/**
 * A time limit that fires while the provider is silent interrupts the run's thread; the journal
 * must still take the run's last entries (issue 11, problem 1: it failed with
 * {@code cannot append to journal <file>.jsonl: null}).
 */
class TimeLimitMidCallTest {
    @TempDir
    Path dir;

    /** The one place the time limit and the journal meet the agent builder. */
    private static RunResult run(Model model, Duration timeout, JournalStore journal, String input) {
        return Agent.builder().model(model).build()
                .run(input, RunOptions.builder().limits(Limits.builder().timeout(timeout).build()).journal(journal).build());
    }

    @Test
    void aTimeLimitDuringASilentModelCallEndsTheRunAndJournalsItsEnd() {
        try (FaultyProvider provider = FaultyProvider.openAi().then(Fault.silence()).start()) {
            Model model = OpenAiModel.builder().apiKey("sk-test").baseUrl(provider.baseUrl()).model("gpt-4o-mini").build();
            JournalStore journal = JournalStore.file(dir);
            RunResult result = run(model, Duration.ofMillis(500), journal, "Say hi");

            assertThat(result.stopReason()).isEqualTo(StopReason.TIMEOUT);
            List<JournalEntry> entries = JournalStore.file(dir).read(result.runId());
            assertThat(entries.get(entries.size() - 1).type()).isEqualTo("run.finished");
            assertThat(entries.get(entries.size() - 1).payloadJson()).contains("TIMEOUT");
        }
        assertThat(Thread.interrupted()).as("the run's thread is not left interrupted by accident").isFalse();
    }
}
