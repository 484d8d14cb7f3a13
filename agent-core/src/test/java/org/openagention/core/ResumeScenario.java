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
 * A five-tool-turn run used by {@link ResumeAfterKillTest}: run as a child JVM that stops in the
 * middle (the model blocks on its fourth call), is killed, and is resumed by the test.
 */
public final class ResumeScenario {
    static final String FINAL = "finished after 5 tool turns";

    record Key(String key) {}

    private ResumeScenario() {}

    /** The agent; {@code blockAtTurn} > 0 makes the model announce READY and block on that turn. */
    static Agent agent(Path journalDir, Path log, int blockAtTurn) {
        Tool append = Tool.of("append", "Appends a key to the log", Key.class, (a, ctx) -> {
            Files.writeString(log, a.key() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return ToolResult.success("appended " + a.key());
        });
        Tool look = Tool.readOnly("look", "Looks at a key", Key.class, (a, ctx) -> ToolResult.success("looked at " + a.key()));
        FakeModel model = FakeModel.answering(request -> respond(request, blockAtTurn));
        return Agent.builder().name("resumable").model(model).addTool(append).addTool(look).build();
    }

    /** The options of every run of the scenario: a file journal in {@code journalDir}. */
    static RunOptions options(Path journalDir) {
        return RunOptions.builder().journal(JournalStore.file(journalDir)).build();
    }

    private static ModelResponse respond(ModelRequest request, int blockAtTurn) {
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
        if (n >= 5) {
            return ModelResponse.builder().addText(FINAL).usage(new Usage(100, 10)).build();
        }
        return ModelResponse.builder().finishReason(FinishReason.TOOL_USE).usage(new Usage(100, 20))
                .addToolUse("call-" + n + "-a", "append", "{\"key\":\"t" + n + "a\"}")
                .addToolUse("call-" + n + "-b", "look", "{\"key\":\"t" + n + "b\"}")
                .build();
    }

    /** Child JVM entry: args are the journal directory and the log file. Prints the run id, then runs. */
    public static void main(String[] args) throws IOException {
        AgentLoop loop = agent(Path.of(args[0]), Path.of(args[1]), 4).start("do the work", options(Path.of(args[0])));
        System.out.println("RUN " + loop.runId());
        System.out.flush();
        loop.run();
    }
}
