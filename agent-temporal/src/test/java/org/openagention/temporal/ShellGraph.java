// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openagention.core.Agent;
import org.openagention.core.RetryPolicy;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.review.AcceptanceCheck;
import org.openagention.tools.Workspace;
import org.openagention.tools.process.Command;
import org.openagention.tools.process.CommandResult;

/**
 * The six-task graph of the multi-process test, its agent and its scripted model, the same in
 * every JVM (the model answers from the request alone). Each task runs two shell steps; each step
 * writes a file in the task's workspace unless it is there already, and appends a marker line
 * ({@code <task> step<n> <host>}) to {@code $OA_MARKERS/<task>.log} outside the repository only
 * when it wrote. On host-1, the first second step to run blocks (until the host is killed),
 * leaving {@code $OA_MARKERS/blocked-<task>} behind.
 */
final class ShellGraph {
    private ShellGraph() {}

    /** A shell command's argument. */
    record Sh(String command) {}

    private static final Pattern TASK = Pattern.compile("Task (t\\d+):");

    static TaskGraph graph() {
        List<Task> tasks = new ArrayList<>();
        String[][] deps = {{}, {}, {"t1"}, {"t2"}, {"t3", "t4"}, {"t5"}};
        for (int i = 1; i <= 6; i++) {
            String id = "t" + i;
            tasks.add(Task.builder(id).goal("Task " + id + ": write " + id + "-1.txt and " + id + "-2.txt")
                    .dependsOn(deps[i - 1]).check(AcceptanceCheck.shell("test -f " + id + "-1.txt && test -f " + id + "-2.txt"))
                    .retry(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(100))
                            .maxBackoff(Duration.ofMillis(100)).jitter(0).build())
                    .build());
        }
        return TaskGraph.of(tasks);
    }

    static Agent agent(Workspace ws, Path markers, String host) {
        Tool sh = Tool.of("sh", "Runs a shell command in the workspace", Sh.class, (a, ctx) -> {
            CommandResult r = Command.builder("sh", "-c", a.command()).directory(ws.isolate())
                    .putEnv("OA_HOST", host).putEnv("OA_MARKERS", markers.toString())
                    .timeout(Duration.ofMinutes(15)).build().run(ctx::isCancelled);
            return r.succeeded() ? ToolResult.success(r.output()) : ToolResult.error(r.describe());
        });
        return Agent.builder().name("coder").model(model()).instructions("Run the steps.").addTool(sh).build();
    }

    private static final FakeModel MODEL = FakeModel.answering(ShellGraph::answer);

    static FakeModel model() {
        return MODEL;
    }

    private static ModelResponse answer(ModelRequest request) {
        Matcher m = TASK.matcher(request.messages().get(0).toString());
        String id = m.find() ? m.group(1) : "t0";
        long results = request.messages().stream().filter(ToolResultMessage.class::isInstance).count();
        if (results >= 2) {
            return ModelResponse.builder().addText("done " + id).finishReason(FinishReason.END_TURN)
                    .usage(new Usage(10, 5)).build();
        }
        String command = results == 0 ? step(id, 1, "")
                : step(id, 2, "if [ \"$OA_HOST\" = host-1 ] && mkdir \"$OA_MARKERS/armed\" 2>/dev/null; then"
                        + " touch \"$OA_MARKERS/blocked-" + id + "\"; sleep 600; fi; ");
        return ModelResponse.builder().addToolUse("s" + (results + 1), "sh", "{\"command\":" + quote(command) + "}")
                .finishReason(FinishReason.TOOL_USE).usage(new Usage(10, 5)).build();
    }

    private static String step(String id, int n, String before) {
        String file = id + "-" + n + ".txt";
        return before + "test -f " + file + " || { echo step" + n + " > " + file + "; echo \"" + id + " step" + n
                + " $OA_HOST\" >> \"$OA_MARKERS/" + id + ".log\"; }";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
