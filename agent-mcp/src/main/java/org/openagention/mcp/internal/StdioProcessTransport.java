// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import org.openagention.mcp.McpServerConfig;
import org.openagention.tools.process.ProcessTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The stdio transport: one child process per connection, newline-delimited JSON-RPC on its
 * stdin/stdout. Written here rather than taken from the SDK so that the process is ours to watch
 * (a dead server is noticed at once and restarted on the next call), its whole {@link ProcessTree}
 * is ended on close (an {@code npx} launcher leaves no orphaned node behind), and its last stderr
 * lines can be quoted in error messages. Thread-safe.
 */
public final class StdioProcessTransport implements McpClientTransport {
    private static final Logger log = LoggerFactory.getLogger(StdioProcessTransport.class);
    private static final int STDERR_LINES = 20;
    private static final Duration GRACE = Duration.ofSeconds(3);

    private final McpServerConfig.Stdio config;
    private final McpJsonMapper mapper;
    private final Runnable onExit;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private volatile Process process;
    private volatile boolean closing;

    public StdioProcessTransport(McpServerConfig.Stdio config, McpJsonMapper mapper, Runnable onExit) {
        this.config = config;
        this.mapper = mapper;
        this.onExit = onExit;
    }

    /** Launches the server process. Called before the MCP client connects, so a bad command fails here, clearly. */
    public void start() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(config.command());
        command.addAll(config.args());
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(config.env());
        config.workingDirectory().ifPresent(d -> pb.directory(d.toFile()));
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot launch MCP server '" + config.name() + "' with command " + command + ": " + e.getMessage(), e);
        }
        Thread err = new Thread(this::readStderr, "mcp-" + config.name() + "-stderr");
        err.setDaemon(true);
        err.start();
    }

    /** The process id of the running server, or -1 before start. */
    public long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    /** Whether the server process is running and its output still open. */
    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive() && !closing;
    }

    /** Why the server is gone: its exit code and last stderr lines. */
    public String describeExit() {
        Process p = process;
        StringBuilder b = new StringBuilder("MCP server '" + config.name() + "'");
        if (p == null) {
            return b.append(" was never started").toString();
        }
        if (p.isAlive()) {
            b.append(" closed its output");
        } else {
            b.append(" exited with code ").append(p.exitValue());
        }
        String tail = stderrTail();
        if (!tail.isEmpty()) {
            b.append("; its last stderr lines: ").append(tail);
        }
        return b.toString();
    }

    @Override
    public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        return Mono.fromRunnable(() -> {
            Process p = process;
            if (p == null) {
                throw new IllegalStateException("start() the transport before connecting");
            }
            Thread reader = new Thread(() -> readStdout(p, handler), "mcp-" + config.name() + "-stdout");
            reader.setDaemon(true);
            reader.start();
        });
    }

    private void readStdout(Process p, Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JSONRPCMessage message;
                try {
                    message = McpSchema.deserializeJsonRpcMessage(mapper, line);
                } catch (IOException | RuntimeException e) {
                    log.warn("MCP server '{}' wrote a line that is not JSON-RPC, ignored: {}", config.name(), abbreviate(line));
                    continue;
                }
                handler.apply(Mono.just(message)).subscribe(m -> { }, e -> log.debug("handling a message from '{}' failed", config.name(), e));
            }
        } catch (IOException e) {
            if (!closing) {
                log.debug("reading from MCP server '{}' failed", config.name(), e);
            }
        } finally {
            if (!closing) {
                log.info("{}", describeExit());
                onExit.run();
            }
        }
    }

    private void readStderr() {
        Process p = process;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                log.debug("[{} stderr] {}", config.name(), line);
                synchronized (stderrTail) {
                    stderrTail.addLast(abbreviate(line));
                    if (stderrTail.size() > STDERR_LINES) {
                        stderrTail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // The process ended; nothing more to read.
        }
    }

    private String stderrTail() {
        synchronized (stderrTail) {
            return String.join(" | ", stderrTail);
        }
    }

    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
        return Mono.fromRunnable(() -> {
            Process p = process;
            if (p == null || !p.isAlive() || closing) {
                throw new IllegalStateException(describeExit());
            }
            String json;
            try {
                json = mapper.writeValueAsString(message);
            } catch (IOException e) {
                throw new IllegalStateException("cannot encode a message for MCP server '" + config.name() + "': " + e.getMessage(), e);
            }
            // JSON-RPC over stdio is one message per line: encoded JSON has no raw newlines.
            byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
            OutputStream out = p.getOutputStream();
            try {
                synchronized (out) {
                    out.write(bytes);
                    out.flush();
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot write to MCP server '" + config.name() + "': " + describeExit(), e);
            }
        });
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(this::close);
    }

    /** Ends the server and every process it started: TERM, a short grace, then KILL. Idempotent. */
    @Override
    public void close() {
        closing = true;
        Process p = process;
        if (p == null) {
            return;
        }
        ProcessTree tree = ProcessTree.of(p);
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            // Already closed.
        }
        tree.terminate(GRACE);
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return mapper.convertValue(data, typeRef);
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
