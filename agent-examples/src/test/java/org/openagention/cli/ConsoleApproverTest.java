// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openagention.core.tool.ToolCall;
import org.openagention.tools.Approver;

class ConsoleApproverTest {
    private final List<String> prompts = new ArrayList<>();

    private Terminal console(String... answers) {
        Deque<String> queue = new ArrayDeque<>(List.of(answers));
        return new Terminal(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, 100,
                prompt -> {
                    prompts.add(prompt);
                    return queue.poll();
                });
    }

    private static Approver.Request shell(String command) {
        return new Approver.Request("run-1", 2, new ToolCall("c1", "shell", "{\"command\":\"" + command + "\"}"), false,
                "shell commands need approval");
    }

    @Test
    void yesApprovesOnlyThisCall() {
        ConsoleApprover approver = new ConsoleApprover(console("y", "n"));
        assertThat(approver.decide(shell("ls")).approved()).isTrue();
        assertThat(approver.decide(shell("rm x")).approved()).isFalse();
        assertThat(prompts).hasSize(2);
        assertThat(prompts.get(0)).contains("Allow shell {\"command\":\"ls\"}", "shell commands need approval",
                "[y]es / [n]o / [a]lways for shell");
    }

    @Test
    void alwaysApprovesLaterCallsOfTheToolWithoutAsking() {
        ConsoleApprover approver = new ConsoleApprover(console("a"));
        assertThat(approver.decide(shell("ls")).approved()).isTrue();
        Approver.Answer second = approver.decide(shell("pwd"));
        assertThat(second.approved()).isTrue();
        assertThat(second.reason()).contains("always for shell");
        assertThat(prompts).hasSize(1);
    }

    @Test
    void anUnclearAnswerIsAskedAgain() {
        ConsoleApprover approver = new ConsoleApprover(console("maybe", "yes"));
        assertThat(approver.decide(shell("ls")).approved()).isTrue();
        assertThat(prompts).hasSize(2);
        assertThat(prompts.get(1)).contains("Please answer y, n or a");
    }

    @Test
    void withoutAConsoleEveryQuestionIsDeniedSayingHowToAllowIt() {
        Terminal none = new Terminal(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false,
                100, null);
        Approver.Answer answer = new ConsoleApprover(none).decide(shell("ls"));
        assertThat(answer.approved()).isFalse();
        assertThat(answer.reason()).contains("no one is at a console", "--approval full-access");
    }

    @Test
    void endOfInputDenies() {
        Approver.Answer answer = new ConsoleApprover(console()).decide(shell("ls"));
        assertThat(answer.approved()).isFalse();
        assertThat(answer.reason()).contains("console closed");
    }
}
