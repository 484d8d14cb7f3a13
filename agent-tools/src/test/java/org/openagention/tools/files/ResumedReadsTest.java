// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.AgentLoop;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.ToolResult;
import org.openagention.tools.Workspace;

/**
 * What the agent read before an interruption still counts after the resume: the replayed reads and
 * writes re-teach a fresh set of file tools, so an edit that follows is not refused as unread.
 */
class ResumedReadsTest {

    private static Agent agent(Path repo, FakeModel model) {
        return Agent.builder().model(model).tools(FileTools.all(Workspace.local(repo))).build();
    }

    private static RunOptions options(Path journal) {
        return RunOptions.builder().runId("resumed-reads").journal(JournalStore.file(journal)).build();
    }

    @Test
    void anEditAfterTheResumeOfAReadIsNotRefused(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("a.txt"), "alpha\n");
        Files.writeString(repo.resolve("b.txt"), "beta\n");

        // The first process: turn 1 reads a.txt, turn 2 creates c.txt; then it is gone (nothing more runs).
        FakeModel first = new FakeModel().enqueueToolCall("read_file", "{\"path\":\"a.txt\"}")
                .enqueueToolCall("write_file", "{\"path\":\"c.txt\",\"content\":\"gamma\\n\"}");
        AgentLoop loop = agent(repo, first).start("Change the notes.", options(dir.resolve("journal")));
        assertThat(loop.step()).isTrue();
        assertThat(loop.step()).isTrue();

        // The second process: new tools, new ledger; turns 1 and 2 come from the journal.
        FakeModel second = new FakeModel()
                .enqueueToolCalls("edit_file", "{\"path\":\"a.txt\",\"old_string\":\"alpha\",\"new_string\":\"ALPHA\"}",
                        "edit_file", "{\"path\":\"c.txt\",\"old_string\":\"gamma\",\"new_string\":\"GAMMA\"}",
                        "edit_file", "{\"path\":\"b.txt\",\"old_string\":\"beta\",\"new_string\":\"BETA\"}")
                .enqueueText("done");
        RunResult result = agent(repo, second).resume("resumed-reads", options(dir.resolve("journal")));

        assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(second.requests()).as("the journal answered turns 1 and 2").hasSize(2);
        assertThat(Files.readString(repo.resolve("a.txt"))).isEqualTo("ALPHA\n");
        assertThat(Files.readString(repo.resolve("c.txt"))).isEqualTo("GAMMA\n");
        // b.txt was never read: its edit is refused after the resume as it would have been before.
        assertThat(Files.readString(repo.resolve("b.txt"))).isEqualTo("beta\n");
        List<ToolResult> lastResults = result.transcript().stream().filter(ToolResultMessage.class::isInstance)
                .map(ToolResultMessage.class::cast).reduce((a, b) -> b).orElseThrow().outputs().stream()
                .map(o -> o.result()).toList();
        assertThat(lastResults.get(0)).isInstanceOf(ToolResult.Success.class);
        assertThat(lastResults.get(1)).isInstanceOf(ToolResult.Success.class);
        assertThat(lastResults.get(2)).isInstanceOfSatisfying(ToolResult.Error.class,
                e -> assertThat(e.text()).contains("b.txt has not been read yet"));
        assertThat(result.toolRefusals()).isEqualTo(1);
    }

    @Test
    void aFileChangedWhileTheRunWasDownIsLearnedAsItIsNow(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("a.txt"), "alpha\n");
        FakeModel first = new FakeModel().enqueueToolCall("read_file", "{\"path\":\"a.txt\"}");
        assertThat(agent(repo, first).start("Change a.", options(dir.resolve("journal"))).step()).isTrue();

        Files.writeString(repo.resolve("a.txt"), "alpha, edited by hand\n");
        FakeModel second = new FakeModel()
                .enqueueToolCall("edit_file", "{\"path\":\"a.txt\",\"old_string\":\"by hand\",\"new_string\":\"by hand, kept\"}")
                .enqueueText("done");
        RunResult result = agent(repo, second).resume("resumed-reads", options(dir.resolve("journal")));

        assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(Files.readString(repo.resolve("a.txt"))).isEqualTo("alpha, edited by hand, kept\n");
    }
}
