// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openagention.orchestration.Fixtures.task;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalStore;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.orchestration.review.ReviewDecision;
import org.openagention.orchestration.review.Verdict;

class JournalEventsTest {
    @TempDir
    Path dir;

    @Test
    void aFollowerReadsFromTheJournalTheEventsTheRunsListenersHeardCustomChecksAndReviewsIncluded() {
        List<OrchestrationEvent> heard = new CopyOnWriteArrayList<>();
        JournalStore journal = JournalStore.inMemory();
        Orchestrator.builder().workers(Fixtures.doneWorkers()).workspaces(TaskWorkspaces.directories(dir))
                .journal(journal).addListener(heard::add).build()
                .run("run-1", "two tasks", TaskGraph.builder().add(task("a").toBuilder()
                        .check(ctx -> Verdict.passed("custom check: code the journal only names"))
                        .reviewer(item -> ReviewDecision.approve("a reviewer")).build())
                        .add(task("b", "a")).build());
        List<JournalEntry> entries = journal.read("run-1");

        JournalEvents follower = JournalEvents.of("run-1");
        List<OrchestrationEvent> read = new ArrayList<>(follower.read(entries.subList(0, entries.size() / 2)));
        read.addAll(follower.read(entries)); // the whole journal again: the first half is not read twice

        assertThat(follower.read(entries)).isEmpty();
        assertThat(read).extracting(JournalEventsTest::withoutTime)
                .containsExactlyElementsOf(heard.stream().map(JournalEventsTest::withoutTime).toList());
        assertThat(read).anyMatch(OrchestrationEvent.ReviewDecided.class::isInstance);
        assertThat(read.get(read.size() - 1)).isInstanceOfSatisfying(OrchestrationEvent.RunFinished.class,
                e -> assertThat(e.result().status()).isEqualTo(RunStatus.COMPLETED));
    }

    @Test
    void entriesThatAreNotFactsMakeNoEvents() {
        JournalStore journal = JournalStore.inMemory();
        journal.append("r", "tool.started", "s1", java.time.Instant.EPOCH, "{}");
        assertThat(JournalEvents.of("r").read(journal.read("r"))).isEmpty();
    }

    /** An event as text, its time left out (the listener's is the publishing clock's, the follower's the entry's). */
    private static String withoutTime(OrchestrationEvent e) {
        return e.toString().replaceAll("at=[^,]*, ", "").replaceAll("elapsed=[^,]*, ", "");
    }
}
