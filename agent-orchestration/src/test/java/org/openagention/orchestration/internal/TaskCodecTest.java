// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openagention.core.RetryPolicy;
import org.openagention.orchestration.graph.FailureKind;
import org.openagention.orchestration.graph.Task;
class TaskCodecTest {

    private static Task readBack(String json) throws Exception {
        return TaskCodec.read(EntryFields.parse(json, "test"), id -> null, id -> null);
    }

    @Test
    void aTasksRetryPolicyAndRetryOnSurviveTheJournal() throws Exception {
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(4).initialBackoff(Duration.ofSeconds(2)).multiplier(3)
                .maxBackoff(Duration.ofSeconds(20)).jitter(0.5).build();
        Task t = Task.builder("t").goal("Do it").retry(policy).retryOn(FailureKind.REJECTED).build();

        Task back = readBack(TaskCodec.write(t));

        assertThat(back.retry()).isEqualTo(policy);
        assertThat(back.retryOn()).containsExactly(FailureKind.REJECTED);
    }

    @Test
    void defaultsAreLeftOutAndReadBackAsDefaults() throws Exception {
        Task t = Task.builder("t").goal("Do it").build();
        String json = TaskCodec.write(t);

        assertThat(json).doesNotContain("retry");
        assertThat(readBack(json).retry()).isEqualTo(RetryPolicy.defaults());
        assertThat(readBack(json).retryOn()).isEqualTo(t.retryOn());
    }

    @Test
    void readsAJournalWrittenWhenRetryOnWasPartOfThePolicy() throws Exception {
        Task back = readBack("{\"id\":\"t\",\"goal\":\"Do it\",\"retry\":{\"maxAttempts\":3,\"initialBackoffMs\":1000,"
                + "\"multiplier\":2.0,\"maxBackoffMs\":30000,\"retryOn\":[\"CHECK_FAILED\",\"REJECTED\"]}}");

        assertThat(back.retry().maxAttempts()).isEqualTo(3);
        assertThat(back.retry().jitter()).isZero();
        assertThat(back.retry().backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(back.retryOn()).containsExactlyInAnyOrder(FailureKind.CHECK_FAILED, FailureKind.REJECTED);
    }
}
