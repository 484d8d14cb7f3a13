// SPDX-License-Identifier: Apache-2.0
package org.openagention.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openagention.core.Agent;
import org.openagention.core.AgentEvent;
import org.openagention.core.RunResult;
import org.openagention.core.context.Compaction;
import org.openagention.core.context.TokenCounter;
import org.openagention.core.context.TokenizerFamily;
import org.openagention.core.context.ToolOutputLimit;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.tools.Workspace;
import org.openagention.tools.files.FileTools;

/**
 * Chapter 4, memory, summaries and context control: what is sent to the model must fit its
 * context window, while nothing of the run is lost.
 *
 * <p>Shows truncation (a long tool output cut to its head and tail, which hides the line that
 * mattered, and the full text spilled to a file the model reads back), compaction (older turns
 * replaced by a summary the model writes, which keeps the gist but not the exact wording, while
 * the transcript keeps everything), and a single message too large for any window failing the
 * run with a clear reason.
 */
public final class Ch04ContextControl {
    record Day(int day) {}

    record Empty() {}

    public static void main(String[] args) {
        try (Example ex = Example.start(4, "memory, summaries and context control", args)) {
            Path dir = ex.tempDir();
            ex.step("Truncation: a 300-line test log is cut to head and tail; the failure in the middle is hidden");
            Tool runTests = Tool.readOnly("run_tests", "Runs the tests", Empty.class, (a, ctx) -> {
                StringBuilder log = new StringBuilder();
                for (int i = 1; i <= 300; i++) {
                    log.append(i == 150 ? "FAILED RefundTest: expected 10 but was 12" : "ok test " + i).append('\n');
                }
                return ToolResult.success(log.toString());
            });
            FakeModel script = new FakeModel()
                    .enqueueToolCall("run_tests", "{}")
                    .enqueue(request -> {   // the model finds the spill file named in the truncation marker
                        Matcher m = Pattern.compile("saved in (\\S+):").matcher(request.messages().toString());
                        String spill = m.find() ? m.group(1) : "missing";
                        return ModelResponse.builder().finishReason(FinishReason.TOOL_USE).addToolUse("call_2",
                                "read_file", "{\"path\":\"" + spill + "\",\"offset\":148,\"limit\":5}").build();
                    })
                    .enqueueText("RefundTest fails: expected 10 but was 12.");
            RunResult truncated = Agent.builder().model(ex.model(script)).addListener(ex.trace())
                    .tools(List.of(runTests, FileTools.forWorkspace(Workspace.local(dir)).readFile()))
                    .addToolInterceptor(ToolOutputLimit.builder().maxChars(2_000).maxLines(20)
                            .spillDirectory(dir.resolve(".tool-output")).pathsRelativeTo(dir).build())
                    .build().run("Run the tests and tell me what fails.");
            String marker = truncated.transcript().toString().lines().filter(l -> l.contains("[output truncated"))
                    .findFirst().orElseThrow();
            ex.say("the model saw, between head and tail:\n  " + marker.substring(marker.indexOf("[output truncated")));
            ex.say("nothing was lost: " + truncated.finalText());

            ex.step("Compaction: a 3,000-token window fills up; older turns become a summary the model writes");
            AtomicInteger turns = new AtomicInteger();
            FakeModel model = FakeModel.answering(request -> {
                if (request.system().equals(Compaction.DEFAULT_SUMMARY_PROMPT)) {
                    return ModelResponse.ofText("Goal: find the first error in the logs. Days 1-2 read: a timeout"
                            + " in the payment service on day 1.");
                }
                int turn = turns.incrementAndGet();
                return turn <= 4 ? ModelResponse.builder().finishReason(FinishReason.TOOL_USE)
                        .addToolUse("call_" + turn, "read_log", "{\"day\":" + turn + "}").build()
                        : ModelResponse.ofText("The first error was the payment timeout of day 1.");
            }).withContextWindow(3_000);
            Tool readLog = Tool.readOnly("read_log", "Reads one day of the server log", Day.class, (a, ctx) ->
                    ToolResult.success((a.day() == 1 ? "ERROR PaymentService: read timed out after 30000 ms (order 7731)\n" : "")
                            + ("INFO day " + a.day() + " request served in 12 ms\n").repeat(40)));
            TokenCounter counter = TokenCounter.estimating(TokenizerFamily.GENERIC);
            RunResult compacted = Agent.builder().model(model).addTool(readLog).addListener(ex.trace())
                    .addListener(e -> {
                        if (e instanceof AgentEvent.ModelRequested r) {
                            ex.say("  request of turn " + r.turn() + ": " + r.request().messages().size()
                                    + " messages, ~" + counter.count(r.request()) + " tokens");
                        }
                    })
                    .addModelInterceptor(Compaction.builder().model(model).threshold(0.5).keepRecentMessages(2).build())
                    .build().run("Find the first error in the logs of days 1 to 4.");
            ex.say("the transcript keeps all " + compacted.transcript().size() + " messages; the model's last request"
                    + " held the summary instead of day 1's exact line");
            ex.say("exact wording lost from what was sent: "
                    + !model.requests().get(model.requests().size() - 1).messages().toString().contains("order 7731"));

            ex.step("One message larger than the whole window cannot be compacted: the run ends with a reason");
            RunResult tooBig = Agent.builder().model(model).addListener(ex.trace())
                    .addModelInterceptor(Compaction.builder().model(model).build())
                    .build().run("Review this file:\n" + "x = 1\n".repeat(5_000));
            ex.say("stop reason " + tooBig.stopReason());
        }
    }
}
