// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * The training run of the CLI's class-data-sharing archive: runs, in one JVM and with no model
 * and no network, what users start the CLI for, so that the archive the JVM writes at its exit
 * holds the classes of every command and not only those of the first command a user happened to
 * run. The launcher ({@code bin/openagention}) runs it in the background on first use:
 *
 * <pre>
 * java -XX:ArchiveClassesAtExit=openagention.jsa -cp openagention.jar org.openagention.cli.StartupTraining  # Java 17 to 23
 * java -XX:AOTCacheOutput=openagention.aot -cp openagention.jar org.openagention.cli.StartupTraining        # Java 25 and newer
 * </pre>
 *
 * <p>What it runs: {@code --version} and {@code --help} for the CLI and every command; an
 * {@code mcp-server} session over in-memory streams ({@code initialize}, {@code tools/list}, a
 * {@code list_dir} and a {@code read_file} call); a stdio {@code initialize} for any other stdio
 * server command registered (such as {@code acp}); and a {@code run} on a scratch directory against
 * a loopback server speaking the Chat Completions format (one tool call, then an answer). Each
 * scenario gets at most a minute; one that fails or hangs is left behind, never fatal: the
 * archive then lacks its classes and they load from the jar as before. Everything happens in a
 * temporary directory, deleted at the end; nothing is printed.
 */
public final class StartupTraining {
    private static final long SCENARIO_MILLIS = 60_000;
    private static final String MCP_INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"training\",\"version\":\"1\"}}}";

    private StartupTraining() {}

    public static void main(String[] args) throws Exception {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        PrintStream out = System.out;
        PrintStream err = System.err;
        InputStream in = System.in;
        Path dir = Files.createTempDirectory("openagention-training");
        System.setOut(quiet);
        System.setErr(quiet);
        try {
            for (Scenario s : scenarios(dir)) {
                s.runWithin(SCENARIO_MILLIS, quiet);
            }
        } finally {
            System.setIn(in);
            System.setOut(out);
            System.setErr(err);
            deleteTree(dir);
        }
        System.exit(0); // the archive is written at exit; scenario threads left hanging must not keep the JVM up
    }

    /** The scenarios, in order. */
    static List<Scenario> scenarios(Path dir) throws IOException {
        List<Scenario> list = new ArrayList<>();
        list.add(new Scenario("--version", List.of("--version"), "", Map.of()));
        list.add(new Scenario("--help", List.of("--help"), "", Map.of()));
        for (String command : commandNames()) {
            list.add(new Scenario(command + " --help", List.of(command, "--help"), "", Map.of()));
        }
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("README.md"), "# Training\n\nA scratch project for the start-up training run.\n");
        String mcp = String.join("\n", MCP_INITIALIZE,
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"list_dir\",\"arguments\":{\"path\":\".\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"read_file\",\"arguments\":{\"path\":\"README.md\"}}}",
                "");
        list.add(new Scenario("mcp-server", List.of("mcp-server", "--repo", repo.toString()), mcp, Map.of()));
        if (commandNames().contains("acp")) {
            String acp = String.join("\n",
                    "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":1,"
                            + "\"clientCapabilities\":{\"fs\":{\"readTextFile\":false,\"writeTextFile\":false},\"terminal\":false}}}",
                    "");
            list.add(new Scenario("acp", List.of("acp"), acp, Map.of()));
        }
        list.add(new RunScenario(repo, dir.resolve("cache")));
        return list;
    }

    /** The names of the CLI's commands, from its {@code @Command} annotations (no command object made). */
    static List<String> commandNames() {
        List<String> names = new ArrayList<>();
        for (Class<?> c : OpenAgentionCli.class.getAnnotation(Command.class).subcommands()) {
            Command command = c.getAnnotation(Command.class);
            if (command != null && !command.name().startsWith("<")) {
                names.add(command.name());
            }
        }
        return names;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a scratch directory left in the temporary directory is harmless
        }
    }

    /** One command line with its standard input and environment. */
    static class Scenario {
        final String name;
        final List<String> args;
        final String stdin;
        final Map<String, String> env;

        Scenario(String name, List<String> args, String stdin, Map<String, String> env) {
            this.name = name;
            this.args = args;
            this.stdin = stdin;
            this.env = env;
        }

        /** Runs the command in a thread and waits for it at most {@code millis}; any failure is ignored. */
        final void runWithin(long millis, PrintStream quiet) throws InterruptedException {
            Thread t = new Thread(() -> {
                try {
                    run(quiet);
                } catch (Exception | LinkageError e) {
                    // training is best effort: the classes loaded so far are archived all the same
                }
            }, "training-" + name);
            t.setDaemon(true);
            t.start();
            t.join(millis);
        }

        /** Runs the command with this scenario's standard input (set as {@code System.in}); returns its exit status. */
        int run(PrintStream out) throws Exception {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            return OpenAgentionCli.execute(args.toArray(String[]::new), new CliContext(out, out, env, null));
        }
    }

    /** {@code run} against a loopback Chat Completions server: a {@code read_file} call, then the answer. */
    static final class RunScenario extends Scenario {
        RunScenario(Path repo, Path cache) {
            super("run", List.of("run", "Summarise README.md", "--repo", repo.toString(), "--model", "openai:training",
                    "--progress", "plain", "--journal-dir", cache.resolve("journals").toString()), "",
                    Map.of("OPENAI_API_KEY", "training", "XDG_CACHE_HOME", cache.toString()));
        }

        @Override
        int run(PrintStream out) throws Exception {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            AtomicInteger calls = new AtomicInteger();
            server.createContext("/v1/chat/completions", exchange -> answer(exchange, calls.incrementAndGet()));
            server.start();
            try {
                Map<String, String> withServer = new java.util.HashMap<>(env);
                withServer.put("OPENAI_BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
                return OpenAgentionCli.execute(args.toArray(String[]::new), new CliContext(out, out, withServer, null));
            } finally {
                server.stop(0);
            }
        }

        private static void answer(HttpExchange exchange, int call) throws IOException {
            exchange.getRequestBody().readAllBytes();
            String message = call == 1
                    ? "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                            + "\"function\":{\"name\":\"read_file\",\"arguments\":\"{\\\"path\\\":\\\"README.md\\\"}\"}}]}"
                    : "{\"role\":\"assistant\",\"content\":\"A scratch project.\"}";
            String body = "{\"id\":\"chatcmpl-" + call + "\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"training\","
                    + "\"choices\":[{\"index\":0,\"finish_reason\":\"" + (call == 1 ? "tool_calls" : "stop") + "\",\"message\":"
                    + message + "}],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":10,\"total_tokens\":110}}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(bytes);
            }
        }
    }
}
