// SPDX-License-Identifier: Apache-2.0
package org.openagention.bench.startup;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * How long the {@code openagention} CLI takes to be ready, against the official Node MCP
 * filesystem server, side by side in one run: each variant is spawned {@code rounds} times, in
 * rotation (so that the machine's load falls on all alike), and the median is reported.
 *
 * <ul>
 *   <li>{@code mcp-server}: spawn to the {@code initialize} answer over stdio, and to the
 *       {@code tools/list} answer after it; the same for {@code @modelcontextprotocol/server-filesystem}.
 *   <li>{@code acp}: spawn to the ACP {@code initialize} answer over stdio, and to the
 *       {@code session/new} answer after it, in the served directory.
 *   <li>{@code run}: spawn to the first model request, at a loopback server speaking the Chat
 *       Completions format (which then answers, so the run ends).
 *   <li>{@code --help}: spawn to exit.
 * </ul>
 *
 * <p>Every CLI variant starts through the distribution's launcher ({@code bin/openagention}), from a
 * fresh copy in a temporary directory, once per Java runtime given: "plain" with
 * {@code OPENAGENTION_CDS=0}, "archive" with the class-data-sharing archive the launcher made on
 * first use (an AppCDS archive before Java 24, the AOT cache from 24), which the benchmark waits for
 * before measuring.
 *
 * <pre>
 * java -cp agent-bench/target/benchmarks.jar org.openagention.bench.startup.StartupBench [rounds=7]
 *      [--jar agent-examples/target/openagention.jar] [--launcher agent-examples/src/dist/bin/openagention]
 *      [--java JAVA_HOME]... [--node-server PATH] [--plain-only] [--baseline JAR LAUNCHER]
 *      [--baseline-archive] [--repo DIR]
 * </pre>
 *
 * <p>Without {@code --java} it uses the running JDK. {@code --plain-only} leaves the archive out (to
 * measure an older build, whose launcher kept its archive differently); {@code --baseline} adds an
 * older build's jar and launcher to the rotation, without archive ("baseline"), for a paired
 * before-and-after comparison ({@code --baseline-archive}: with the archive its launcher makes, for
 * a build whose launcher is this one's). {@code --repo} serves an existing directory (a real project, whose
 * files {@code mcp-server} lists as resources) instead of a scratch one with a README. The Node server defaults to
 * {@code ~/.cache/openagention/npm/node_modules/.bin/mcp-server-filesystem}, where
 * {@code .ci/install-mcp-servers.sh} installs it; without it the Node column is left out.
 */
public final class StartupBench {
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}";
    private static final String LIST = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
            + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
    private static final String ACP_INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":1,\"clientCapabilities\":{\"fs\":{\"readTextFile\":true,\"writeTextFile\":true},\"terminal\":true}}}";

    private StartupBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = 7;
        Path jar = Path.of("agent-examples/target/openagention.jar");
        Path launcher = Path.of("agent-examples/src/dist/bin/openagention");
        List<Path> javas = new ArrayList<>();
        boolean plainOnly = false;
        Path baselineJar = null;
        Path baselineLauncher = null;
        Path servedRepo = null;
        boolean baselineArchive = false;
        Path node = Path.of(System.getProperty("user.home"), ".cache/openagention/npm/node_modules/.bin/mcp-server-filesystem");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jar" -> jar = Path.of(args[++i]);
                case "--launcher" -> launcher = Path.of(args[++i]);
                case "--java" -> javas.add(Path.of(args[++i]));
                case "--node-server" -> node = Path.of(args[++i]);
                case "--plain-only" -> plainOnly = true;
                case "--baseline-archive" -> baselineArchive = true;
                case "--repo" -> servedRepo = Path.of(args[++i]).toAbsolutePath();
                case "--baseline" -> {
                    baselineJar = Path.of(args[++i]);
                    baselineLauncher = Path.of(args[++i]);
                }
                default -> rounds = Integer.parseInt(args[i]);
            }
        }
        if (javas.isEmpty()) {
            javas.add(Path.of(System.getProperty("java.home")));
        }
        Path work = Files.createTempDirectory("startup-bench");
        try {
            Install baseline = baselineJar == null ? null : Install.of(work.resolve("baseline"), baselineJar, baselineLauncher);
            run(rounds, Install.of(work.resolve("openagention"), jar, launcher), baseline, javas,
                    Files.isExecutable(node) ? node : null, plainOnly, work, servedRepo,
                    baselineArchive);
        } finally {
            deleteTree(work);
        }
    }

    /** A copy of a jar and its launcher, as an unpacked distribution. */
    private record Install(Path bin, Path lib) {
        static Install of(Path dir, Path jar, Path launcher) throws IOException {
            Files.createDirectories(dir.resolve("bin"));
            Files.createDirectories(dir.resolve("lib"));
            Files.copy(launcher, dir.resolve("bin/openagention"), StandardCopyOption.COPY_ATTRIBUTES);
            Files.copy(jar, dir.resolve("lib/openagention.jar"));
            return new Install(dir.resolve("bin/openagention"), dir.resolve("lib"));
        }
    }

    private static void run(int rounds, Install install, Install baseline, List<Path> javas, Path node, boolean plainOnly,
            Path work, Path servedRepo, boolean baselineArchive) throws Exception {
        Path repo = servedRepo;
        if (repo == null) {
            repo = Files.createDirectories(work.resolve("repo"));
            Files.writeString(repo.resolve("README.md"), "# A project\n");
        }
        Path scratch = Files.createDirectories(work.resolve("scratch"));

        List<Variant> variants = new ArrayList<>();
        if (node != null) {
            variants.add(new Variant("node server-filesystem", Kind.MCP, List.of(node.toString(), repo.toString()), Map.of(), repo));
        } else {
            System.out.println("(no Node server at the given path: run .ci/install-mcp-servers.sh; the Node row is left out)");
        }
        for (Path java : javas) {
            String v = feature(java);
            if (!plainOnly) {
                prepareArchive(install.bin(), java, install.lib());
            }
            if (baseline != null) {
                if (baselineArchive) {
                    prepareArchive(baseline.bin(), java, baseline.lib());
                }
                addVariants(variants, baseline.bin(), "java " + v + " baseline", repo, scratch,
                        Map.of("JAVA_HOME", java.toString(), "OPENAGENTION_CDS", baselineArchive ? "1" : "0"));
            }
            for (boolean archive : plainOnly ? new boolean[] {false} : new boolean[] {false, true}) {
                Map<String, String> env = Map.of("JAVA_HOME", java.toString(), "OPENAGENTION_CDS", archive ? "1" : "0");
                addVariants(variants, install.bin(), "java " + v + (archive ? " archive" : " plain"), repo, scratch, env);
            }
        }
        System.out.printf("%d rounds, %d cores, load average %.2f%n", rounds, Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Map<Variant, List<double[]>> times = new LinkedHashMap<>();
        for (Variant variant : variants) {
            times.put(variant, new ArrayList<>());
            variant.measure(scratch); // warm the file cache; not counted
        }
        for (int r = 0; r < rounds; r++) {
            for (Variant variant : variants) {
                times.get(variant).add(variant.measure(scratch));
            }
        }
        System.out.printf("%-34s %12s %12s%n", "variant (median of " + rounds + ")", "ready s", "second s");
        for (Map.Entry<Variant, List<double[]>> e : times.entrySet()) {
            double ready = median(e.getValue(), 0);
            String second = e.getKey().kind != Kind.RUN && e.getKey().kind != Kind.EXIT
                    ? String.format("%12.3f", median(e.getValue(), 1)) : "";
            System.out.printf("%-34s %12.3f %s%n", e.getKey().name, ready, second);
        }
        System.out.println("ready: mcp-server and acp to the initialize answer, run to the first model request, --help to exit");
        System.out.println("second: mcp-server to the tools/list answer, acp to the session/new answer");
    }

    private static void addVariants(List<Variant> variants, Path bin, String tag, Path repo, Path scratch,
            Map<String, String> env) {
        variants.add(new Variant("mcp-server " + tag, Kind.MCP,
                List.of(bin.toString(), "mcp-server", "--repo", repo.toString()), env, repo));
        variants.add(new Variant("acp        " + tag, Kind.ACP,
                List.of(bin.toString(), "acp", "--model", "openai:bench", "--journal-dir",
                        scratch.resolve("journals").toString()), env, repo));
        variants.add(new Variant("run        " + tag, Kind.RUN, List.of(bin.toString(), "run", "Say hello",
                "--repo", repo.toString(), "--model", "openai:bench", "--progress", "plain",
                "--journal-dir", scratch.resolve("journals").toString()), env, repo));
        variants.add(new Variant("--help     " + tag, Kind.EXIT, List.of(bin.toString(), "--help"), env, repo));
    }

    /** Runs the launcher once on {@code java} and waits for the archive its background training makes. */
    private static void prepareArchive(Path bin, Path java, Path lib) throws Exception {
        String feature = feature(java);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        ProcessBuilder pb = new ProcessBuilder(bin.toString(), "--version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("JAVA_HOME", java.toString());
        pb.start().waitFor(2, TimeUnit.MINUTES);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(lib)) {
                List<String> names = files.map(f -> f.getFileName().toString()).toList();
                boolean done = names.stream().anyMatch(n -> n.startsWith("openagention-java" + feature + "-")
                        && (n.endsWith(".jsa") || n.endsWith(".aot")));
                boolean building = names.stream().anyMatch(n -> n.startsWith("openagention-java" + feature + "-") && n.endsWith(".lock"));
                if (names.stream().anyMatch(n -> n.startsWith("openagention-java" + feature + "-") && n.endsWith(".failed"))) {
                    throw new IllegalStateException("the launcher could not make an archive for Java " + feature);
                }
                if (done && !building) {
                    return;
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("no archive for Java " + feature + " after 5 minutes in " + lib);
    }

    /** The feature version in a Java home's release file. */
    private static String feature(Path javaHome) throws IOException {
        for (String line : Files.readAllLines(javaHome.resolve("release"))) {
            if (line.startsWith("JAVA_VERSION=")) {
                String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                return v.split("[.+-]")[0];
            }
        }
        throw new IllegalStateException("no JAVA_VERSION in " + javaHome.resolve("release"));
    }

    private static double median(List<double[]> samples, int column) {
        double[] values = samples.stream().mapToDouble(s -> s[column]).sorted().toArray();
        return values[values.length / 2];
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private enum Kind { MCP, ACP, RUN, EXIT }

    private record Variant(String name, Kind kind, List<String> command, Map<String, String> env, Path repo) {
        /** Seconds to ready (and, for MCP and ACP, to the second answer). */
        double[] measure(Path scratch) throws Exception {
            return switch (kind) {
                case MCP -> mcp();
                case ACP -> acp(scratch);
                case RUN -> run(scratch);
                case EXIT -> exit();
            };
        }

        private ProcessBuilder builder() {
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putAll(env);
            return pb;
        }

        /** {@code mcp-server} (or the Node server) to its initialize answer, then to the tools/list answer. */
        private double[] mcp() throws Exception {
            return twoAnswers(builder(), INITIALIZE, LIST, "\"tools\"");
        }

        /** {@code acp} to its initialize answer, then to the answer to {@code session/new} in the served repository. */
        private double[] acp(Path scratch) throws Exception {
            ProcessBuilder pb = builder();
            pb.environment().put("OPENAI_API_KEY", "bench");
            pb.environment().put("XDG_CACHE_HOME", scratch.resolve("cache").toString());
            String session = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"session/new\",\"params\":{\"cwd\":"
                    + "\"" + repo.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"mcpServers\":[]}}";
            return twoAnswers(pb, ACP_INITIALIZE, session, "sessionId");
        }

        /**
         * Starts {@code pb}, sends {@code first} (request id 1) and times its answer, then sends
         * {@code second} (request id 2) and times its answer, which must contain {@code expected}.
         */
        private double[] twoAnswers(ProcessBuilder pb, String first, String second, String expected) throws Exception {
            long start = System.nanoTime();
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream();
                    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                in.write((first + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
                String answer = answerTo(out, 1);
                long ready = System.nanoTime();
                in.write((second + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
                String next = answerTo(out, 2);
                long answered = System.nanoTime();
                if (answer == null || !answer.contains("\"result\"") || next == null || !next.contains(expected)) {
                    throw new IllegalStateException(name + ": unexpected answers " + answer + " / " + next);
                }
                in.close();
                end(p);
                return new double[] {(ready - start) / 1e9, (answered - start) / 1e9};
            } finally {
                p.destroyForcibly();
            }
        }

        /** The line that answers request {@code id}, skipping notifications and the agent's own requests. */
        private static String answerTo(BufferedReader out, int id) throws IOException {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.contains("\"id\":" + id + ",") || line.contains("\"id\":" + id + "}")) {
                    if (!line.contains("\"method\"")) {
                        return line;
                    }
                }
            }
            return null;
        }

        private double[] run(Path scratch) throws Exception {
            AtomicLong first = new AtomicLong();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/v1/chat/completions", exchange -> {
                first.compareAndSet(0, System.nanoTime());
                exchange.getRequestBody().readAllBytes();
                byte[] body = ("{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"bench\",\"choices\":"
                        + "[{\"index\":0,\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\",\"content\":\"Hello.\"}}],"
                        + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,\"total_tokens\":12}}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(body);
                }
            });
            server.start();
            try {
                ProcessBuilder pb = builder().redirectOutput(ProcessBuilder.Redirect.DISCARD);
                pb.environment().put("OPENAI_API_KEY", "bench");
                pb.environment().put("OPENAI_BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
                pb.environment().put("XDG_CACHE_HOME", scratch.resolve("cache").toString());
                long start = System.nanoTime();
                Process p = pb.start();
                int status = end(p);
                if (first.get() == 0) {
                    throw new IllegalStateException(name + ": no model request (exit status " + status + ")");
                }
                return new double[] {(first.get() - start) / 1e9};
            } finally {
                server.stop(0);
            }
        }

        private double[] exit() throws Exception {
            long start = System.nanoTime();
            Process p = builder().redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            int status = end(p);
            if (status != 0) {
                throw new IllegalStateException(name + ": exit status " + status);
            }
            return new double[] {(System.nanoTime() - start) / 1e9};
        }

        private static int end(Process p) throws InterruptedException {
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("a process did not end within 2 minutes");
            }
            return p.exitValue();
        }
    }
}
