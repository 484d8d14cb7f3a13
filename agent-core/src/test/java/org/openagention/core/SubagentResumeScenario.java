// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

/**
 * A parent that delegates to a subagent making three appends, used by {@link SubagentResumeTest}:
 * run as a child JVM whose subagent blocks in its third model call, is killed, and is resumed.
 */
public final class SubagentResumeScenario {
    static final String CHILD_FINAL = "worker appended three keys";
    static final String PARENT_FINAL = "the worker is done";

    record Key(String key) {}

    private SubagentResumeScenario() {}

    /** The parent agent; {@code blockAtChildTurn} > 0 makes the subagent's model announce READY and block then. */
    static Agent parent(Path log, int blockAtChildTurn) {
        Tool append = Tool.of("append", "Appends a key to the log", Key.class, (a, ctx) -> {
            Files.writeString(log, a.key() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return ToolResult.success("appended " + a.key());
        });
        Agent worker = Agent.builder().name("worker").model(FakeModel.answering(r -> child(r, blockAtChildTurn)))
                .addTool(append).build();
        FakeModel parentModel = FakeModel.answering(request -> {
            long n = request.messages().stream().filter(m -> m instanceof AssistantMessage).count();
            return n == 0 ? ModelResponse.builder().finishReason(FinishReason.TOOL_USE).usage(new Usage(50, 5))
                    .addToolUse("delegate-1", "worker", "{\"prompt\":\"append three keys\"}").build()
                    : ModelResponse.builder().addText(PARENT_FINAL).usage(new Usage(50, 5)).build();
        });
        return Agent.builder().name("lead").model(parentModel).addTool(worker.asTool("worker", "Appends keys")).build();
    }

    static RunOptions options(Path journalDir) {
        return RunOptions.builder().journal(JournalStore.file(journalDir)).build();
    }

    private static ModelResponse child(ModelRequest request, int blockAtTurn) {
        int n = (int) request.messages().stream().filter(m -> m instanceof AssistantMessage).count();
        if (n + 1 == blockAtTurn) {
            System.out.println("READY");
            System.out.flush();
            try {
                new CountDownLatch(1).await(); // until the test kills this JVM
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (n >= 3) {
            return ModelResponse.builder().addText(CHILD_FINAL).usage(new Usage(100, 10)).build();
        }
        return ModelResponse.builder().finishReason(FinishReason.TOOL_USE).usage(new Usage(100, 20))
                .addToolUse("append-" + n, "append", "{\"key\":\"k" + n + "\"}").build();
    }

    /** Child JVM entry: args are the journal directory and the log file. Prints the run id, then runs. */
    public static void main(String[] args) throws IOException {
        AgentLoop loop = parent(Path.of(args[1]), 3).start("delegate the appends", options(Path.of(args[0])));
        System.out.println("RUN " + loop.runId());
        System.out.flush();
        loop.run();
    }
}
