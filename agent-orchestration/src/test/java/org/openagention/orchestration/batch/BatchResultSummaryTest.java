// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link BatchResult#summary()} names the failed items, first lines only, a few at most. */
class BatchResultSummaryTest {

    @Test
    void namesTheFailedItemWithTheFirstLineOfItsError() {
        BatchResult result = new BatchResult("b", List.of(
                new BatchItemResult.Succeeded(0, "a.txt", "ok", "run-0", false),
                new BatchItemResult.Failed(1, "b.txt", "the task threw IOException: disk full\n\tat Foo.bar(Foo.java:3)", "")));

        assertThat(result.summary()).isEqualTo("Completed 1/2 (1 failed): #1 b.txt: the task threw IOException: disk full");
    }

    @Test
    void namesAtMostThreeAndCountsTheRest() {
        List<BatchItemResult> items = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            items.add(new BatchItemResult.Failed(i, "item" + i, "boom " + i, ""));
        }
        items.add(new BatchItemResult.Failed(5, "x".repeat(100), "e".repeat(200), ""));

        String summary = new BatchResult("b", items).summary();

        assertThat(summary).isEqualTo("Completed 0/6 (6 failed): #0 item0: boom 0; #1 item1: boom 1; #2 item2: boom 2; and 3 more");
    }

    @Test
    void longItemsAndErrorsAreShortened() {
        BatchResult result = new BatchResult("b", List.of(
                new BatchItemResult.Failed(0, "x".repeat(100), "e".repeat(200), "")));

        assertThat(result.summary()).isEqualTo("Completed 0/1 (1 failed): #0 " + "x".repeat(57) + "...: " + "e".repeat(117) + "...");
    }

    @Test
    void nothingFailedIsJustTheCount() {
        BatchResult result = new BatchResult("b", List.of(new BatchItemResult.Succeeded(0, "a", "ok", "", false)));

        assertThat(result.summary()).isEqualTo("Completed 1/1 (0 failed)");
    }
}
