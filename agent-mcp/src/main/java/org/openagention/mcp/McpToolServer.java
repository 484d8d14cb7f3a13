// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolRegistry;
import org.openagention.mcp.internal.LoopbackHttpTransport;
import org.openagention.mcp.internal.McpJson;
import org.openagention.mcp.internal.RegistryValidation;
import org.openagention.mcp.internal.ServedTools;
import org.openagention.mcp.internal.StdioLineTransport;

/**
 * Serves a set of our {@link Tool}s as an MCP server, so other agents and IDEs can call them, over
 * stdio or over streamable HTTP on the loopback address.
 *
 * <p>Calls go through a {@link ToolRegistry}, so its interceptors apply (an approval policy, for
 * example): pass the registry itself to keep them. Arguments are validated against each tool's
 * schema; a {@code ToolResult} error (a denied call, bad arguments, a tool that failed or threw)
 * is sent as a result with {@code isError: true} and the error text, which the client's model can
 * read. A tool's {@link Tool#readOnly()} is advertised as the {@code readOnlyHint} annotation.
 *
 * <p>Over HTTP the server is stateless (each POST is answered with one JSON body; no sessions and
 * no server-initiated stream), binds to {@code 127.0.0.1} only, and refuses requests whose
 * {@code Origin} is not a loopback origin. The tool set is fixed for the server's lifetime.
 * Immutable and thread-safe; calls may run concurrently.
 *
 * <pre>{@code
 * McpToolServer server = McpToolServer.builder()
 *         .name("my-tools")
 *         .tools(ToolRegistry.of(readFile, search).withInterceptors(List.of(approvals)))
 *         .build();
 * try (McpToolServer.HttpEndpoint http = server.startHttp(0)) {
 *     System.err.println("MCP endpoint: " + http.uri());
 *     ...
 * }
 * server.serveStdio(System.in, System.out); // blocks until the client closes stdin
 * }</pre>
 */
public final class McpToolServer {
    private final String name;
    private final String version;
    private final ToolRegistry registry;

    private McpToolServer(Builder b) {
        this.name = b.name;
        this.version = b.version;
        this.registry = b.registry;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The name announced to clients in {@code initialize}. */
    public String name() {
        return name;
    }

    /** The served tools (with the registry's interceptors around each call). */
    public ToolRegistry tools() {
        return registry;
    }

    /**
     * Serves one client over {@code in}/{@code out} (newline-delimited JSON-RPC) and returns when
     * {@code in} ends, once the messages still being handled are answered. Nothing but protocol
     * messages is written to {@code out}. A line that is not JSON is answered with a JSON-RPC parse
     * error ({@code -32700}, {@code "id": null}) and one that is JSON but not a JSON-RPC message with
     * an invalid-request error ({@code -32600}); each is logged as a one-line warning and serving
     * goes on with the next line.
     *
     * @throws InterruptedException when the calling thread is interrupted; the server is closed
     */
    public void serveStdio(InputStream in, OutputStream out) throws InterruptedException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        McpJsonMapper mapper = McpJson.sdkMapper();
        StdioLineTransport transport = new StdioLineTransport(mapper, in, out);
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo(name, version)
                .jsonMapper(mapper)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonSchemaValidator(RegistryValidation.INSTANCE)
                .validateToolInputs(false)
                .tools(new ServedTools(registry, mapper).forSession())
                .build();
        try {
            transport.serve();
        } finally {
            server.close();
        }
    }

    /**
     * Starts serving over streamable HTTP at {@code http://127.0.0.1:PORT/mcp}.
     *
     * @param port the port, or 0 for any free one (read it from {@link HttpEndpoint#uri()})
     * @throws UncheckedIOException when the port cannot be bound
     */
    public HttpEndpoint startHttp(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (any free port) to 65535, was " + port);
        }
        McpJsonMapper mapper = McpJson.sdkMapper();
        LoopbackHttpTransport transport;
        try {
            transport = new LoopbackHttpTransport(port, "/mcp", mapper);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " for MCP: " + e.getMessage(), e);
        }
        McpStatelessSyncServer server = McpServer.sync(transport)
                .serverInfo(name, version)
                .jsonMapper(mapper)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonSchemaValidator(RegistryValidation.INSTANCE)
                .validateToolInputs(false)
                .tools(new ServedTools(registry, mapper).forStateless())
                .build();
        transport.start();
        return new HttpEndpoint(transport, server);
    }

    /** A running HTTP endpoint; closing it stops the server. Thread-safe. */
    public static final class HttpEndpoint implements AutoCloseable {
        private final LoopbackHttpTransport transport;
        private final McpStatelessSyncServer server;

        private HttpEndpoint(LoopbackHttpTransport transport, McpStatelessSyncServer server) {
            this.transport = transport;
            this.server = server;
        }

        /** The MCP endpoint, such as {@code http://127.0.0.1:41234/mcp}. */
        public URI uri() {
            return transport.uri();
        }

        /** Stops listening. Idempotent. */
        @Override
        public void close() {
            server.close();
            transport.close();
        }
    }

    /** Builds an {@link McpToolServer}. Not thread-safe. */
    public static final class Builder {
        private String name = "openagention";
        private String version = "0.1.0";
        private ToolRegistry registry = ToolRegistry.of(List.of());

        private Builder() {}

        /** The server name clients see (default {@code openagention}). */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        public Builder version(String version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /** Serves the registry's tools, with its interceptors around every call. */
        public Builder tools(ToolRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Serves {@code tools} (no interceptors). */
        public Builder tools(List<? extends Tool> tools) {
            this.registry = ToolRegistry.of(tools);
            return this;
        }

        public McpToolServer build() {
            return new McpToolServer(this);
        }
    }
}
