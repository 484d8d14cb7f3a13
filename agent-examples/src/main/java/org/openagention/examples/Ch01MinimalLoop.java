// SPDX-License-Identifier: Apache-2.0
package org.openagention.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openagention.core.Agent;
import org.openagention.core.AgentLoop;
import org.openagention.core.Limits;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

/**
 * Chapter 1, the minimal coding loop: send the transcript to the model, run the tools it asks
 * for, append their results, repeat until it answers without tools or a limit stops it.
 *
 * <p>Shows the two ways to stop (a final answer, the turn cap), a malformed tool call fed back to
 * the model as an error it corrects, and a failing provider ending the run with a stop reason
 * instead of an exception.
 */
public final class Ch01MinimalLoop {
    /** The arguments of our one tool; its JSON Schema is generated from this record. */
    record ReadArgs(String path) {}

    public static void main(String[] args) throws Exception {
        try (Example ex = Example.start(1, "the minimal coding loop", args)) {
            Path dir = ex.tempDir();
            Files.writeString(dir.resolve("Calc.java"), "static int sub(int a, int b) { return a + b; }\n");
            Files.writeString(dir.resolve("CalcTest.java"), "assert Calc.sub(5, 3) == 2;\n");
            Tool readFile = Tool.readOnly("read_file", "Reads a text file of the project", ReadArgs.class, (a, ctx) -> {
                Path file = dir.resolve(a.path()).normalize();
                return file.startsWith(dir) && Files.isRegularFile(file) ? ToolResult.success(Files.readString(file))
                        : ToolResult.error("No such file: " + a.path());
            });

            ex.step("Stepping the loop turn by turn until the model answers (way 1 to stop: a final answer)");
            FakeModel script = new FakeModel()
                    .enqueueToolCall("read_file", "{\"path\":\"CalcTest.java\"}")
                    .enqueueToolCall("read_file", "{\"path\":\"Calc.java\"}")
                    .enqueueText("CalcTest fails because Calc.sub adds: it returns a + b instead of a - b.");
            Agent agent = Agent.builder()
                    .model(ex.model(script))
                    .instructions("You debug Java code. Read files with read_file; answer in one sentence.")
                    .addTool(readFile)
                    .addListener(ex.trace())
                    .build();
            AgentLoop loop = agent.start("Why does CalcTest.java fail? Read CalcTest.java and Calc.java.");
            while (loop.step()) {
                ex.say("after turn " + loop.turns() + ": " + loop.transcript().size() + " messages, "
                        + loop.usage().totalTokens() + " tokens so far");
            }
            RunResult done = loop.result().orElseThrow();
            ex.say("stop reason " + done.stopReason() + " after " + done.turns() + " turns: " + done.finalText());

            ex.step("Way 2 to stop: the turn cap (a model that never stops asking for files)");
            FakeModel endless = FakeModel.answering(request -> ModelResponse.builder()
                    .addToolUse("call_" + request.messages().size(), "read_file",
                            "{\"path\":\"" + (request.messages().size() % 4 == 1 ? "Calc.java" : "CalcTest.java") + "\"}")
                    .finishReason(FinishReason.TOOL_USE).build());
            RunResult capped = agent.toBuilder().model(endless).build()
                    .run("Keep reading until you are sure.",
                            RunOptions.builder().limits(Limits.builder().maxTurns(3).build()).build());
            ex.say("stop reason " + capped.stopReason() + ": " + capped.detail());

            ex.step("A malformed tool call is fed back to the model as an error, and the model corrects it");
            FakeModel sloppy = new FakeModel()
                    .enqueueToolCall("read_file", "{\"path\": \"Calc.java\"")   // the closing brace is missing
                    .enqueueToolCall("read_file", "{\"path\": \"Calc.java\"}")
                    .enqueueText("sub returns a + b.");
            RunResult corrected = agent.toBuilder().model(sloppy).build().run("What does sub return?");
            ex.say("the model saw the error and retried: " + corrected.stopReason() + " in " + corrected.turns() + " turns");

            ex.step("The provider fails (here: the scripted model has no answer left): a stop reason, not a crash");
            RunResult failed = agent.toBuilder().model(new FakeModel()).build().run("Anything?");
            ex.say("stop reason " + failed.stopReason() + "; the transcript still holds " + failed.transcript().size()
                    + " message(s)");
        }
    }
}
