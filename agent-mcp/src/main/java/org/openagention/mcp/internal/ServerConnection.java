// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolResult;
import org.openagention.mcp.McpConnectionException;
import org.openagention.mcp.McpOptions;
import org.openagention.mcp.McpServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One server, kept connected: opens the transport and the SDK client, lists tools, reconnects
 * when the connection was lost (a stdio server that died is started again on the next call), and
 * turns every call's outcome into a {@link ToolResult}. Thread-safe: calls run concurrently;
 * connecting and reconnecting are serialised.
 */
public final class ServerConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServerConnection.class);
    private static final long POLL_MS = 100;

    private final McpServerConfig config;
    private final McpOptions options;
    private final Consumer<List<McpSchema.Tool>> onTools;
    private Live live;
    private boolean closed;

    /** An open session: the SDK client and, for stdio, the process transport under it. */
    private record Live(McpAsyncClient client, StdioProcessTransport stdio, AtomicReference<Boolean> broken) {
        boolean usable() {
            return !broken.get() && (stdio == null || stdio.isAlive());
        }
    }

    public ServerConnection(McpServerConfig config, McpOptions options, Consumer<List<McpSchema.Tool>> onTools) {
        this.config = config;
        this.options = options;
        this.onTools = onTools;
    }

    /** Connects (if not connected) and reports the server's tools to the listener. */
    public synchronized void connect() {
        live();
    }

    public synchronized boolean isConnected() {
        return live != null && live.usable();
    }

    /** The pid of the stdio server process, or -1 (HTTP, or not connected). */
    public synchronized long pid() {
        return live == null || live.stdio == null ? -1 : live.stdio.pid();
    }

    private synchronized Live live() {
        if (closed) {
            throw new IllegalStateException("the connection to MCP server '" + config.name() + "' is closed");
        }
        if (live != null && live.usable()) {
            return live;
        }
        if (live != null) {
            log.info("reconnecting to MCP server '{}'", config.name());
            shutdown(live);
            live = null;
        }
        live = open();
        return live;
    }

    private Live open() {
        McpJsonMapper mapper = McpJson.sdkMapper();
        AtomicReference<Boolean> broken = new AtomicReference<>(false);
        AtomicReference<McpAsyncClient> clientRef = new AtomicReference<>();
        StdioProcessTransport stdio = null;
        McpClientTransport transport;
        if (config instanceof McpServerConfig.Stdio s) {
            stdio = new StdioProcessTransport(s, mapper, () -> {
                broken.set(true);
                McpAsyncClient c = clientRef.get();
                if (c != null) {
                    c.close(); // fails the calls still waiting for this server, at once
                }
            });
            try {
                stdio.start();
            } catch (IOException e) {
                throw new McpConnectionException(e.getMessage(), e);
            }
            transport = stdio;
        } else {
            transport = http((McpServerConfig.Http) config, mapper, options);
        }
        McpClient.AsyncSpec spec = McpClient.async(transport)
                .clientInfo(new McpSchema.Implementation(options.clientName(), options.clientVersion()))
                .requestTimeout(options.callTimeout().plusSeconds(5))
                .initializationTimeout(options.connectTimeout())
                .toolsChangeConsumer(tools -> Mono.fromRunnable(() -> onTools.accept(tools)));
        McpAsyncClient client = ClientRequests.configure(spec, config.name(), options).build();
        clientRef.set(client);
        Live opened = new Live(client, stdio, broken);
        try {
            McpSchema.InitializeResult init = client.initialize().toFuture()
                    .get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (init.capabilities() != null && init.capabilities().tools() != null) {
                McpSchema.ListToolsResult tools = client.listTools().toFuture()
                        .get(options.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
                onTools.accept(tools.tools() == null ? List.of() : tools.tools());
            } else {
                onTools.accept(List.of()); // a server without tools (resources or prompts only) is fine
            }
            return opened;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown(opened);
            throw new McpConnectionException("interrupted while connecting to MCP server '" + config.name() + "'", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            shutdown(opened);
            String why = e instanceof TimeoutException ? "no answer within " + ResultMapping.human(options.connectTimeout())
                    : ResultMapping.significant(e).toString();
            String exit = stdio != null && !stdio.isAlive() ? " (" + stdio.describeExit() + ")" : "";
            throw new McpConnectionException("cannot connect to MCP server '" + config.name() + "' (" + where() + "): " + why + exit, e);
        }
    }

    private static McpClientTransport http(McpServerConfig.Http h, McpJsonMapper mapper, McpOptions options) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(options.connectTimeout()).build();
        HttpAuthorizer auth = options.oauth().<HttpAuthorizer>map(o -> new OAuthAuthorizer(o, h.url(), http)).orElse(HttpAuthorizer.NONE);
        return new HttpClientTransport(http, h.url(), h.headers(), mapper, auth);
    }

    private String where() {
        if (config instanceof McpServerConfig.Stdio s) {
            return "command " + s.command() + (s.args().isEmpty() ? "" : " " + String.join(" ", s.args()));
        }
        return ((McpServerConfig.Http) config).url().toString();
    }

    /**
     * Calls {@code tool} with {@code argumentsJson} and maps the outcome; never throws for what the
     * server or the connection did.
     */
    public ToolResult call(String tool, String argumentsJson, ToolContext context) {
        Map<String, Object> args;
        try {
            args = argumentsJson.isBlank() ? Map.of()
                    : McpJson.MAPPER.readValue(argumentsJson, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            return ToolResult.error(ToolResult.ErrorKind.INVALID_ARGUMENTS, "The arguments for MCP tool '" + tool
                    + "' must be a JSON object: " + e.getOriginalMessage());
        }
        Live l;
        try {
            l = live();
        } catch (RuntimeException e) {
            return ToolResult.error(ToolResult.ErrorKind.TOOL_FAILED, "MCP tool '" + tool + "' is unavailable: " + e.getMessage());
        }
        CompletableFuture<McpSchema.CallToolResult> future =
                l.client().callTool(new McpSchema.CallToolRequest(tool, args == null ? Map.of() : args)).toFuture();
        try {
            McpSchema.CallToolResult result = await(future, options.callTimeout(), context);
            if (result == null) {
                return ToolResult.error(ToolResult.ErrorKind.CANCELLED, "The call to MCP tool '" + tool + "' was cancelled with the run.");
            }
            return ResultMapping.toToolResult(config.name(), tool, result);
        } catch (TimeoutException e) {
            future.cancel(true);
            return ResultMapping.timedOut(config.name(), tool, options.callTimeout());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return ToolResult.error(ToolResult.ErrorKind.CANCELLED, "The call to MCP tool '" + tool + "' was interrupted.");
        } catch (ExecutionException e) {
            return failed(l, tool, e);
        }
    }

    private ToolResult failed(Live l, String tool, ExecutionException e) {
        Throwable cause = ResultMapping.significant(e);
        if (cause instanceof McpError mcp && mcp.getJsonRpcError() != null) {
            return ResultMapping.fromJsonRpcError(config.name(), tool, mcp);
        }
        if (cause instanceof TimeoutException) {
            return ResultMapping.timedOut(config.name(), tool, options.callTimeout());
        }
        l.broken().set(true);
        String why = l.stdio() != null && !l.stdio().isAlive() ? l.stdio().describeExit() : String.valueOf(cause);
        return ResultMapping.connectionLost(config.name(), tool, why);
    }

    /** The result, null when the run was cancelled first. */
    private static <T> T await(CompletableFuture<T> future, Duration timeout, ToolContext context)
            throws TimeoutException, InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException();
            }
            try {
                return future.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MS)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException slice) {
                if (context.isCancelled()) {
                    future.cancel(true);
                    return null;
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (live != null) {
            shutdown(live);
            live = null;
        }
    }

    private void shutdown(Live l) {
        try {
            l.client().closeGracefully().block(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.debug("closing the MCP client of '{}' failed", config.name(), e);
        } finally {
            if (l.stdio() != null) {
                l.stdio().close();
            }
            l.client().close();
        }
    }
}
