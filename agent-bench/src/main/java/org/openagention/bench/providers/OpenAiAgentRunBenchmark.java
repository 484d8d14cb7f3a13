// SPDX-License-Identifier: Apache-2.0
package org.openagention.bench.providers;

import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openagention.core.Agent;
import org.openagention.core.message.Message;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.message.Content;
import org.openagention.core.model.Model;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.providers.OpenAiModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolSpec;

/**
 * Scenario benchmark (run on demand, not a test): a six-call agent run (five tool turns, then the
 * answer) against a loopback Chat Completions server, through
 * <ul>
 *   <li>{@code floor}: HttpClient + Jackson and nothing else ({@link FloorClient});</li>
 *   <li>{@code model}: {@link OpenAiModel} driven by a minimal hand loop (the provider's own cost);</li>
 *   <li>{@code agent}: an {@link Agent} with one tool on {@link OpenAiModel} (provider + loop);</li>
 *   <li>{@code langchain4j}: LangChain4j {@code AiServices} with one tool.</li>
 * </ul>
 * Variants alternate round by round in one JVM (each goes first in turn), and each is warmed up
 * first with enough runs (1,500 by default, 9,000 model calls) that its own code is compiled by C2
 * before it is measured: with fewer, the code only the agent runs (tool dispatch, validation,
 * binding) was still in C1 while the floor's, shared with every variant, was not, which made the
 * agent look microseconds slower per call than it is. Per model call it reports wall time, CPU and
 * allocated bytes, both on the calling thread and summed over all platform threads (HttpClient's
 * own threads and the in-process server included; the server's share is the same for every
 * variant). Figures are medians over rounds. Sequential runs have no server latency; the
 * concurrent phase starts 1,000 runs at once (virtual threads on JDK 21+, 1,000 platform threads
 * otherwise) with 50 ms of server latency, and its wall figure is the batch's time divided by the
 * six calls of a run (the latency of one call as a run sees it, queueing included).
 * {@link OpenAiRunWorkBenchmark} measures the same runs without HTTP under JMH.
 *
 * <pre>
 * mvn -q -B -pl agent-bench -am package -DskipTests
 * java -Dsun.net.httpserver.nodelay=true -cp agent-bench/target/benchmarks.jar \
 *     org.openagention.bench.providers.OpenAiAgentRunBenchmark
 * </pre>
 * System properties: {@code bench.rounds} (16), {@code bench.runs} (200 sequential runs per round),
 * {@code bench.warmupRuns} (1500 per variant in each of 3 warm-up rounds),
 * {@code bench.concurrent} (1000), {@code bench.concurrentRounds} (4), {@code bench.latencyMs} (50),
 * {@code bench.variants} (all; a comma-separated subset such as {@code floor,agent}, for profiling).
 */
public final class OpenAiAgentRunBenchmark {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int CALLS_PER_RUN = BenchServer.TOOL_TURNS + 1;
    private static final String INPUT = "Look up the values of 0 to 4.";

    record Lookup(int n) {}

    interface Runner {
        String run(String input) throws Exception;
    }

    /** One measurement, per model call. */
    record Sample(double wallUs, double callerCpuUs, double callerKb, double allCpuUs, double allKb) {}

    public static void main(String[] args) throws Exception {
        // 1,000 concurrent keep-alive connections: the JDK server must not close idle ones under the client
        System.setProperty("sun.net.httpserver.maxIdleConnections", "4096");
        System.setProperty("sun.net.httpserver.maxConnections", "-1");
        int rounds = Integer.getInteger("bench.rounds", 16);
        int runs = Integer.getInteger("bench.runs", 200);
        int concurrent = Integer.getInteger("bench.concurrent", 1000);
        int concurrentRounds = Integer.getInteger("bench.concurrentRounds", 4);
        long latency = Long.getLong("bench.latencyMs", 50);
        System.out.printf("JDK %s, %d CPUs, nodelay=%s%n", Runtime.version(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("sun.net.httpserver.nodelay"));
        try (BenchServer server = new BenchServer()) {
            Map<String, Runner> variants = variants(server.baseUrl());
            String only = System.getProperty("bench.variants", "");
            if (!only.isEmpty()) {
                variants.keySet().retainAll(List.of(only.split(",")));
            }
            check(server, variants);
            System.out.println("warming up...");
            measureSequential(server, variants, 3, Integer.getInteger("bench.warmupRuns", 1500));
            System.out.printf("%nsequential: %d rounds x %d runs x %d calls, no server latency%n", rounds, runs, CALLS_PER_RUN);
            report(measureSequential(server, variants, rounds, runs));
            server.latencyMillis(latency);
            measureConcurrent(server, variants, 1, concurrent);
            System.out.printf("%nconcurrent: %d rounds x %d runs at once x %d calls, %d ms server latency, %s%n",
                    concurrentRounds, concurrent, CALLS_PER_RUN, latency, virtualThreads() ? "virtual threads" : "platform threads");
            report(measureConcurrent(server, variants, concurrentRounds, concurrent));
        }
        System.exit(0);
    }

    static Map<String, Runner> variants(String baseUrl) {
        Map<String, Runner> v = new LinkedHashMap<>();
        HttpClient floorHttp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        FloorClient floor = new FloorClient(floorHttp, baseUrl);
        v.put("floor", floor::run);
        OpenAiModel model = OpenAiModel.builder().apiKey("sk-bench").baseUrl(baseUrl).model("gpt-4o-mini").build();
        ToolSpec spec = new ToolSpec("lookup", "Looks up the value for a number.",
                "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},\"required\":[\"n\"]}");
        v.put("model", input -> handLoop(model, spec, input));
        Tool lookup = Tool.readOnly("lookup", "Looks up the value for a number.", Lookup.class,
                (a, ctx) -> ToolResult.success("value-" + a.n()));
        Agent agent = Agent.builder().model(model).instructions("Use the lookup tool for each number.")
                .addTool(lookup).build();
        v.put("agent", input -> agent.run(input).finalText());
        LangChain4jClient lc4j = new LangChain4jClient(baseUrl);
        v.put("langchain4j", lc4j::run);
        return v;
    }

    /** OpenAiModel with the least loop around it: request, answer, run the tool, repeat. */
    static String handLoop(Model model, ToolSpec spec, String input) throws Exception {
        ModelRequest request = ModelRequest.builder().system("Use the lookup tool for each number.")
                .addMessage(Message.user(input)).addTool(spec).build();
        while (true) {
            ModelResponse r = model.complete(request);
            if (!r.hasToolCalls()) {
                return r.text();
            }
            List<Content.ToolOutput> outputs = new ArrayList<>();
            for (ToolCall c : r.toolCalls()) {
                String args = c.argumentsJson();
                String n = args.substring(args.indexOf(':') + 1, args.indexOf('}')).trim();
                outputs.add(new Content.ToolOutput(c.id(), c.name(), ToolResult.success("value-" + n)));
            }
            request = request.toBuilder().addMessage(r.toMessage()).addMessage(new ToolResultMessage(outputs)).build();
        }
    }

    static void check(BenchServer server, Map<String, Runner> variants) throws Exception {
        for (Map.Entry<String, Runner> e : variants.entrySet()) {
            long before = server.calls();
            String answer = e.getValue().run(INPUT);
            long calls = server.calls() - before;
            if (calls != CALLS_PER_RUN || answer == null || !answer.contains("value-0")) {
                throw new IllegalStateException(e.getKey() + " made " + calls + " calls and answered '" + answer + "'");
            }
        }
    }

    static Map<String, List<Sample>> measureSequential(BenchServer server, Map<String, Runner> variants, int rounds,
            int runs) throws Exception {
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(variants.keySet());
        for (int round = 0; round < rounds; round++) {
            for (String name : order) {
                Runner runner = variants.get(name);
                long tid = Thread.currentThread().getId();
                Map<Long, long[]> all = snapshot();
                long cpu = THREADS.getCurrentThreadCpuTime();
                long alloc = THREADS.getThreadAllocatedBytes(tid);
                long wall = System.nanoTime();
                for (int i = 0; i < runs; i++) {
                    runner.run(INPUT);
                }
                wall = System.nanoTime() - wall;
                cpu = THREADS.getCurrentThreadCpuTime() - cpu;
                alloc = THREADS.getThreadAllocatedBytes(tid) - alloc;
                long[] allDelta = delta(all, snapshot());
                double calls = (double) runs * CALLS_PER_RUN;
                samples.computeIfAbsent(name, k -> new ArrayList<>()).add(new Sample(wall / calls / 1e3, cpu / calls / 1e3,
                        alloc / calls / 1024, allDelta[0] / calls / 1e3, allDelta[1] / calls / 1024));
            }
            order.add(order.remove(0)); // alternate who goes first
        }
        return samples;
    }

    static Map<String, List<Sample>> measureConcurrent(BenchServer server, Map<String, Runner> variants, int rounds,
            int concurrent) throws Exception {
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(variants.keySet());
        ExecutorService executor = executor(concurrent);
        try {
            for (int round = 0; round < rounds; round++) {
                for (String name : order) {
                    Runner runner = variants.get(name);
                    Map<Long, long[]> all = snapshot();
                    long wall = System.nanoTime();
                    List<Future<String>> futures = new ArrayList<>(concurrent);
                    for (int i = 0; i < concurrent; i++) {
                        futures.add(executor.submit(() -> runner.run(INPUT)));
                    }
                    for (Future<String> f : futures) {
                        f.get(5, TimeUnit.MINUTES);
                    }
                    wall = System.nanoTime() - wall;
                    long[] allDelta = delta(all, snapshot());
                    double calls = (double) concurrent * CALLS_PER_RUN;
                    samples.computeIfAbsent(name, k -> new ArrayList<>()).add(new Sample(wall / 1e3 / CALLS_PER_RUN,
                            Double.NaN, Double.NaN, allDelta[0] / calls / 1e3, allDelta[1] / calls / 1024));
                }
                order.add(order.remove(0));
            }
        } finally {
            executor.shutdownNow();
        }
        return samples;
    }

    static boolean virtualThreads() {
        return Runtime.version().feature() >= 21;
    }

    static ExecutorService executor(int threads) throws Exception {
        if (virtualThreads()) {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        }
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(threads);
        pool.prestartAllCoreThreads();
        return pool;
    }

    /** CPU time and allocated bytes of every live platform thread, by id. */
    static Map<Long, long[]> snapshot() {
        long[] ids = THREADS.getAllThreadIds();
        long[] cpu = THREADS.getThreadCpuTime(ids);
        long[] alloc = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, long[]> m = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            m.put(ids[i], new long[] {Math.max(0, cpu[i]), Math.max(0, alloc[i])});
        }
        return m;
    }

    static long[] delta(Map<Long, long[]> before, Map<Long, long[]> after) {
        long cpu = 0;
        long alloc = 0;
        for (Map.Entry<Long, long[]> e : after.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            cpu += e.getValue()[0] - b[0];
            alloc += e.getValue()[1] - b[1];
        }
        return new long[] {cpu, alloc};
    }

    static void report(Map<String, List<Sample>> samples) {
        Map<String, Sample> med = new LinkedHashMap<>();
        samples.forEach((k, v) -> med.put(k, median(v)));
        System.out.printf("%-12s %12s %14s %12s %14s %12s%n", "per call", "wall us", "caller cpu us", "caller KB",
                "all cpu us", "all KB");
        med.forEach((k, s) -> System.out.printf("%-12s %12.1f %14.1f %12.2f %14.1f %12.2f%n", k, s.wallUs(),
                s.callerCpuUs(), s.callerKb(), s.allCpuUs(), s.allKb()));
        Sample floor = med.get("floor");
        if (floor == null) {
            return;
        }
        System.out.println("minus floor (wall as a ratio):");
        med.forEach((k, s) -> {
            if (!k.equals("floor")) {
                System.out.printf("%-12s %11.3fx %14.1f %12.2f %14.1f %12.2f%n", k, s.wallUs() / floor.wallUs(),
                        s.callerCpuUs() - floor.callerCpuUs(), s.callerKb() - floor.callerKb(),
                        s.allCpuUs() - floor.allCpuUs(), s.allKb() - floor.allKb());
            }
        });
    }

    static Sample median(List<Sample> list) {
        return new Sample(med(list, Sample::wallUs), med(list, Sample::callerCpuUs), med(list, Sample::callerKb),
                med(list, Sample::allCpuUs), med(list, Sample::allKb));
    }

    static double med(List<Sample> list, java.util.function.ToDoubleFunction<Sample> f) {
        double[] v = list.stream().mapToDouble(f).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private OpenAiAgentRunBenchmark() {}
}
