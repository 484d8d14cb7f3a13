// SPDX-License-Identifier: Apache-2.0
package org.openagention.bench.providers;

import java.util.concurrent.TimeUnit;
import org.openagention.core.Agent;
import org.openagention.core.model.Model;
import org.openagention.core.providers.OpenAiModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The client's own work in {@link OpenAiAgentRunBenchmark}'s six-call run, with the HTTP exchange
 * cut out: every variant writes the same request bodies and parses the same reply bytes the
 * loopback server would send ({@link BenchServer#replyTo}), so the differences are the request
 * building, response parsing, tool dispatch and loop bookkeeping, measured without network noise.
 * {@code model} and {@code agent} run the real {@link OpenAiModel} on an in-memory {@code HttpClient}
 * ({@link InMemoryHttpClient}): everything {@code OpenAiModel.complete} does, its transport code
 * included, but the network. Figures are per model call;
 * run with {@code -prof gc} for bytes per call.
 *
 * <pre>
 * java -jar agent-bench/target/benchmarks.jar OpenAiRunWorkBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OpenAiRunWorkBenchmark {
    private static final int CALLS = BenchServer.TOOL_TURNS + 1;
    private static final String INPUT = "Look up the values of 0 to 4.";

    private FloorClient floor;
    private Model model;
    private ToolSpec spec;
    private Agent agent;

    @Setup
    public void setUp() throws Exception {
        floor = new FloorClient(BenchServer::replyTo);
        model = OpenAiModel.builder().apiKey("sk-bench").baseUrl("http://127.0.0.1:9/v1").model("gpt-4o-mini")
                .http(h -> h.httpClient(new InMemoryHttpClient(BenchServer::replyTo))).build();
        spec = new ToolSpec("lookup", "Looks up the value for a number.",
                "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},\"required\":[\"n\"]}");
        Tool lookup = Tool.readOnly("lookup", "Looks up the value for a number.", OpenAiAgentRunBenchmark.Lookup.class,
                (a, ctx) -> ToolResult.success("value-" + a.n()));
        agent = Agent.builder().model(model).instructions("Use the lookup tool for each number.").addTool(lookup).build();
        for (String answer : new String[] {floor(), model(), agent()}) {
            if (!answer.contains("value-0")) {
                throw new IllegalStateException("unexpected answer: " + answer);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public String floor() throws Exception {
        return floor.run(INPUT);
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public String model() throws Exception {
        return OpenAiAgentRunBenchmark.handLoop(model, spec, INPUT);
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public String agent() {
        return agent.run(INPUT).finalText();
    }
}
