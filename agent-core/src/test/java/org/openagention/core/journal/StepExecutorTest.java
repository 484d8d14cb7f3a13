// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openagention.core.testing.FakeClock;
import org.openagention.core.testing.FakeSleeper;

class StepExecutorTest {
    private final JournalStore store = JournalStore.inMemory();
    private final FakeClock clock = new FakeClock();
    private final FakeSleeper sleeper = new FakeSleeper(clock);
    private final StepExecutor.Factory journaling = StepExecutor.journaling(store, clock, sleeper);

    /** A tiny sealed fact type whose variants name their own entry types. */
    sealed interface Light permits On, Off {}

    record On(int level) implements Light {}

    record Off() implements Light {}

    static final StepCodec<Light> LIGHTS = new StepCodec<>() {
        @Override
        public String type() {
            return "light";
        }

        @Override
        public String typeOf(Light value) {
            return value instanceof On ? "light.on" : "light.off";
        }

        @Override
        public String encode(Light value) {
            return value instanceof On on ? "{\"on\":" + on.level() + "}" : "{}";
        }

        @Override
        public Light decode(String json) {
            return json.startsWith("{\"on\":") ? new On(Integer.parseInt(json.substring(6, json.length() - 1))) : new Off();
        }
    };

    @Test
    void journaledTimeIsReplayedAndLaterStepsReadTheClock() {
        Instant first = journaling.open("r").now("a");
        clock.advance(Duration.ofHours(1));
        StepExecutor again = journaling.open("r");
        assertThat(again.now("a")).isEqualTo(first);
        assertThat(again.now("b")).isEqualTo(first.plus(Duration.ofHours(1)));
        assertThat(store.read("r")).extracting(JournalEntry::type).containsExactly("clock.now", "clock.now");
    }

    @Test
    void aFinishedSleepIsNotSleptAgainOnReplay() throws Exception {
        journaling.open("r").sleep("backoff-1", Duration.ofSeconds(5));
        StepExecutor again = journaling.open("r");
        again.sleep("backoff-1", Duration.ofSeconds(5));
        again.sleep("backoff-2", Duration.ofSeconds(7));
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(7));
    }

    @Test
    void randomIdsAreFreshLiveAndTheSameOnReplay() {
        StepExecutor steps = journaling.open("r");
        String a = steps.randomId("id-a");
        String b = steps.randomId("id-b");
        assertThat(a).isNotEqualTo(b).hasSize(32);
        assertThat(journaling.open("r").randomId("id-a")).isEqualTo(a);
    }

    @Test
    void recordedFactsTakeTheirVariantsTypeAndShowInHistory() {
        StepExecutor steps = journaling.open("r");
        steps.record(LIGHTS, new On(3));
        steps.record(LIGHTS, new Off());
        assertThat(steps.history()).isEmpty(); // what it replays from: the journal as it was when opened
        StepExecutor reopened = journaling.open("r");
        assertThat(reopened.history()).extracting(JournalEntry::type).containsExactly("light.on", "light.off");
        assertThat(reopened.history()).extracting(JournalEntry::stepId).containsExactly("", "");
        assertThat(LIGHTS.decode(reopened.history().get(0).payloadJson())).isEqualTo(new On(3));
    }

    @Test
    void aStepWhoseResultHasAVariantTypeIsReplayed() throws Exception {
        int[] runs = {0};
        StepExecutor.Outcome<Light> live = journaling.open("r").execute("switch", LIGHTS, () -> {
            runs[0]++;
            return new On(7);
        });
        StepExecutor.Outcome<Light> replayed = journaling.open("r").execute("switch", LIGHTS, () -> {
            runs[0]++;
            return new Off();
        });
        assertThat(live.replayed()).isFalse();
        assertThat(replayed).isEqualTo(new StepExecutor.Outcome<Light>(new On(7), true));
        assertThat(runs[0]).isEqualTo(1);
    }

    @Test
    void directStepsRunEverythingAndKeepNothing() throws Exception {
        StepExecutor steps = StepExecutor.direct(clock, sleeper).open("r");
        assertThat(steps.journals()).isFalse();
        assertThat(steps.now("a")).isEqualTo(clock.instant());
        steps.sleep("s", Duration.ofSeconds(2));
        steps.sleep("s", Duration.ofSeconds(2));
        steps.record(LIGHTS, new On(1));
        assertThat(sleeper.sleeps()).hasSize(2);
        assertThat(steps.randomId("x")).isNotEqualTo(steps.randomId("x"));
        assertThat(steps.history()).isEmpty();
        assertThat(store.runIds()).isEmpty();
    }
}
