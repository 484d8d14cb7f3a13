// SPDX-License-Identifier: Apache-2.0
package org.openagention.bench.temporal;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.openagention.core.Agent;
import org.openagention.core.Limits;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.temporal.AgentRuns;
import org.openagention.temporal.TemporalAgents;
import org.openagention.temporal.TemporalRunOptions;

/**
 * The overhead per agent step of a run on Temporal (the in-process test server, no time
 * skipping) against the same run on the local file journal and with no journal. The agent makes
 * {@code turns} tool turns and a final answer against a model that answers at once, with a
 * trivial tool, so what is measured is the framework and the engine: a step is one model call or
 * one tool call ({@code 2 * turns + 1} per run). Variants alternate; medians are reported. Run on
 * demand:
 *
 * <pre>
 * java -cp agent-bench/target/benchmarks.jar org.openagention.bench.temporal.TemporalStepOverhead [turns=10] [runs=9]
 * </pre>
 */
public final class TemporalStepOverhead {
    private TemporalStepOverhead() {}

    /** The echo tool's argument. */
    public record Text(String text) {}

    public static void main(String[] args) throws Exception {
        int turns = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        int steps = 2 * turns + 1;
        Agent agent = agent(turns);
        Path dir = Files.createTempDirectory("bench-temporal");
        JournalStore journal = JournalStore.file(dir);
        Limits limits = Limits.builder().maxTurns(turns + 1).maxRepeatedCalls(turns + 2).build();

        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            Worker worker = env.newWorker("bench");
            TemporalAgents.worker(worker).register("bench", agent);
            env.start();
            AgentRuns temporal = TemporalAgents.client(env.getWorkflowClient(), "bench");
            double[] direct = new double[runs];
            double[] file = new double[runs];
            double[] onTemporal = new double[runs];
            for (int i = -3; i < runs; i++) { // three rounds of warm-up
                long t0 = System.nanoTime();
                check(agent.run("go", RunOptions.builder().limits(limits).build()), turns);
                long t1 = System.nanoTime();
                check(agent.run("go", RunOptions.builder().limits(limits).journal(journal).build()), turns);
                long t2 = System.nanoTime();
                check(temporal.run("bench", "go", TemporalRunOptions.builder().runId("bench-" + (i + 3))
                        .limits(limits).build()), turns);
                long t3 = System.nanoTime();
                if (i >= 0) {
                    direct[i] = (t1 - t0) / 1e3 / steps;
                    file[i] = (t2 - t1) / 1e3 / steps;
                    onTemporal[i] = (t3 - t2) / 1e3 / steps;
                }
            }
            Arrays.sort(direct);
            Arrays.sort(file);
            Arrays.sort(onTemporal);
            System.out.printf("TemporalStepOverhead java=%s turns=%d steps/run=%d runs=%d%n",
                    System.getProperty("java.version"), turns, steps, runs);
            print("no journal", direct);
            print("local file journal", file);
            print("Temporal (in-process test server)", onTemporal);
            System.out.printf("  Temporal / local journal: %.1fx per step (medians)%n",
                    onTemporal[runs / 2] / file[runs / 2]);
        }
    }

    private static Agent agent(int turns) {
        Tool echo = Tool.of("echo", "Echoes", Text.class, (a, ctx) -> ToolResult.success(a.text()));
        FakeModel model = FakeModel.answering(request -> {
            long answered = request.messages().stream().filter(m -> m instanceof AssistantMessage).count();
            ModelResponse.Builder b = ModelResponse.builder().modelId("bench").usage(new Usage(10, 5));
            if (answered < turns) {
                return b.addToolUse("call_" + answered, "echo", "{\"text\":\"step " + answered + "\"}")
                        .finishReason(FinishReason.TOOL_USE).build();
            }
            return b.addText("done").finishReason(FinishReason.END_TURN).build();
        });
        return Agent.builder().name("bench").model(model).addTool(echo).build();
    }

    private static void check(RunResult result, int turns) {
        if (result.stopReason() != StopReason.COMPLETED || result.turns() != turns + 1) {
            throw new IllegalStateException("the benchmark run did not complete as scripted: " + result.stopReason()
                    + " after " + result.turns() + " turns (" + result.detail() + ")");
        }
    }

    private static void print(String what, double[] us) {
        System.out.printf("  %-36s per step: min %8.1f us, median %8.1f us, max %8.1f us%n", what, us[0],
                us[us.length / 2], us[us.length - 1]);
    }
}
