package org.openagention.bench.providers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.openagention.core.Agent;
import org.openagention.core.internal.Json;
import org.openagention.core.model.Model;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.providers.internal.OpenAiChatRequests;
import org.openagention.core.providers.internal.OpenAiChatResponses;
import org.openagention.core.providers.internal.Redactor;
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
 * {@code model} and {@code agent} run {@link OpenAiModel}'s own body writer and response reader
 * (everything {@code OpenAiModel.complete} does except the transport). Figures are per model call;
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

    /** {@code OpenAiModel.complete} without the transport: body out, reply bytes in, response read. */
    static final class NoHttpOpenAiModel implements Model {
        private final OpenAiChatRequests.Options options = new OpenAiChatRequests.Options("gpt-4o-mini", false, false);
        private final Redactor redactor = Redactor.of("sk-bench");

        @Override
        public ModelResponse complete(ModelRequest request) {
            byte[] reply = BenchServer.replyTo(OpenAiChatRequests.write(request, options, false));
            try {
                return OpenAiChatResponses.read(Json.MAPPER.readTree(reply), "openai", redactor);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String name() {
            return "openai:gpt-4o-mini";
        }
    }

    @Setup
    public void setUp() throws Exception {
        floor = new FloorClient(BenchServer::replyTo);
        model = new NoHttpOpenAiModel();
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
