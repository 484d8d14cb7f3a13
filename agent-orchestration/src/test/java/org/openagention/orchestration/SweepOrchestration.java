// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openagention.core.Agent;
import org.openagention.core.RetryPolicy;
import org.openagention.core.RunOptions;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.message.Message;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.ToolResult;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.lanes.Worker;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.orchestration.review.AcceptanceCheck;
import org.openagention.tools.CodingTools;

/**
 * The orchestrated run of {@link CrashPointSweepTest}: three tasks ({@code a}; {@code b};
 * {@code c} after {@code a}), each in its own git worktree, each worker a scripted model that
 * writes its file, runs two {@code shell} commands with side effects outside the repository (lines
 * appended to {@code effects/log}) and finishes; the orchestrator checks, merges into
 * {@code main}. Workers journal to the orchestrator's store, so a resume finishes each cut-off
 * attempt from its worker's own journal. The model checks and completes a step whose outcome
 * came back unknown, with a command that converges.
 */
public final class SweepOrchestration {
    static final String RUN_ID = "orch-sweep";

    private SweepOrchestration() {}

    private record Step(String[] call, String repair) {}

    private static List<Step> plan(String id, String log) {
        return List.of(
                new Step(new String[] {"write_file", "{\"path\":\"" + id + ".txt\",\"content\":\"" + id + "\\n\"}"},
                        "test -f " + id + ".txt || printf '" + id + "\\n' > " + id + ".txt"),
                new Step(new String[] {"shell", cmd("echo " + id + "-s2 >> " + log + " && echo more-" + id + " >> " + id + ".txt")},
                        "grep -qx " + id + "-s2 " + log + " || echo " + id + "-s2 >> " + log + "; grep -qx more-" + id + " "
                                + id + ".txt || echo more-" + id + " >> " + id + ".txt"),
                new Step(new String[] {"shell", cmd("echo " + id + "-s3 >> " + log)},
                        "grep -qx " + id + "-s3 " + log + " || echo " + id + "-s3 >> " + log));
    }

    private static String cmd(String line) {
        return "{\"command\":\"" + line.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    /** The next answer from the transcript alone (see {@code SweepScenario} in agent-tools: the same rule). */
    static ModelResponse respond(ModelRequest request, String id, String log) {
        List<Step> plan = plan(id, log);
        List<Message> messages = request.messages();
        int next = 0;
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof AssistantMessage a && !a.toolUses().isEmpty()) {
                String callId = a.toolUses().get(0).id();
                int step = Integer.parseInt(callId.substring(1, callId.indexOf('-')));
                ToolResultMessage results = (ToolResultMessage) messages.get(i + 1);
                if (results.outputs().stream().anyMatch(o -> o.result() instanceof ToolResult.Error e
                        && e.kind() == ToolResult.ErrorKind.OUTCOME_UNKNOWN)) {
                    return ModelResponse.builder().finishReason(FinishReason.TOOL_USE)
                            .addToolUse("r" + step + "-" + i, "shell", cmd(plan.get(step - 1).repair())).build();
                }
                next = step;
                break;
            }
        }
        if (next == plan.size()) {
            return ModelResponse.builder().addText("done " + id).build();
        }
        String[] call = plan.get(next).call();
        return ModelResponse.builder().finishReason(FinishReason.TOOL_USE)
                .addToolUse("s" + (next + 1) + "-" + id, call[0], call[1]).build();
    }

    static TaskGraph graph() {
        return TaskGraph.builder().add(task("a")).add(task("b")).add(task("c", "a")).build();
    }

    private static Task task(String id, String... deps) {
        return Task.builder(id).goal("Write " + id + ".txt").dependsOn(deps)
                .check(AcceptanceCheck.command("test", "-f", id + ".txt")).retry(RetryPolicy.none()).build();
    }

    static void prepare(Path base) throws IOException {
        Path repo = GitRepos.init(base.resolve("repo"), Map.of("README.md", "# sweep\n"));
        GitRepos.git(repo, "config", "user.name", "Sweep");
        GitRepos.git(repo, "config", "user.email", "sweep@example.com");
        GitRepos.git(repo, "config", "commit.gpgsign", "false");
        Files.createDirectories(base.resolve("effects"));
    }

    static Orchestrator orchestrator(Path base) {
        JournalStore journal = JournalStore.file(base.resolve("journal"));
        String log = base.resolve("effects").resolve("log").toString();
        RunOptions workerOptions = RunOptions.builder().journal(journal).build();
        WorkerFactory workers = (task, ws, attempt) -> Worker.of(Agent.builder().name("worker-" + task.id())
                .model(FakeModel.answering(r -> respond(r, task.id(), log))).tools(CodingTools.all(ws)).build(),
                workerOptions);
        return Orchestrator.builder().workers(workers).repository(base.resolve("repo"), "main").journal(journal)
                .parallelism(1).build();
    }

    static OrchestrationResult run(Path base) {
        return orchestrator(base).run(RUN_ID, "Write the files", graph());
    }

    static OrchestrationResult resume(Path base) {
        // A run that died before its first fact never started: run() starts it (replaying its clock read).
        boolean started = JournalStore.file(base.resolve("journal")).read(RUN_ID).stream()
                .anyMatch(e -> e.type().equals("graph.started"));
        return started ? orchestrator(base).resume(RUN_ID) : run(base);
    }

    /** Child JVM entry, as {@code SweepScenario}'s: resume DIR|-, run DIR|-, halt after append k (0: never). */
    public static void main(String[] args) throws IOException {
        if (!args[0].equals("-")) {
            OrchestrationResult r = resume(Path.of(args[0]));
            System.out.println("RESUMED " + r.status() + " " + r.detail());
        }
        if (args[1].equals("-")) {
            System.exit(0);
        }
        Path base = Path.of(args[1]);
        prepare(base);
        if (!args[2].equals("0")) {
            System.setProperty("openagention.test.haltAfterAppend", args[2]);
        }
        System.out.println("RUNNING");
        System.out.flush();
        OrchestrationResult r = run(base);
        System.out.println("FINISHED " + r.status() + " " + r.detail());
        System.exit(0);
    }
}
