// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolRegistry;
import org.openagention.mcp.internal.McpJson;
import org.openagention.mcp.internal.RegistryValidation;
import org.openagention.mcp.internal.ServedFeatures;
import org.openagention.mcp.internal.ServedTools;
import org.openagention.mcp.internal.StdioLineTransport;
import org.openagention.mcp.internal.StreamableHttpTransport;
import org.openagention.mcp.internal.UriTemplates;
import org.openagention.mcp.internal.WorkspaceResources;

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
 * <p>Besides agent tools it serves {@link McpServedTool}s (rich content, progress, logging,
 * sampling and elicitation), {@link McpResource}s (and, with {@link Builder#workspaceResources},
 * a workspace's files, read-only, with change notifications to subscribers), {@link McpPrompt}s
 * and completion of prompt arguments and template variables. Both transports offer the same:
 * {@code logging/setLevel}, sessions, server-to-client requests.
 *
 * <p>Over HTTP the server keeps sessions ({@code Mcp-Session-Id}), answers each request on a
 * server-sent-events stream of its own, binds to {@code 127.0.0.1} only, and refuses requests
 * whose {@code Origin} or {@code Host} is not a loopback name. The feature set is fixed for the
 * server's lifetime. Immutable and thread-safe; calls may run concurrently.
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
    private final List<McpServedTool> served;
    private final List<McpResource> resources;
    private final List<McpPrompt> prompts;
    private final Path workspace;
    private final Set<McpSyncServer> live = new CopyOnWriteArraySet<>();

    private McpToolServer(Builder b) {
        this.name = b.name;
        this.version = b.version;
        this.registry = b.registry;
        this.served = List.copyOf(b.served);
        this.resources = List.copyOf(b.resources);
        this.prompts = List.copyOf(b.prompts);
        this.workspace = b.workspace;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The name announced to clients in {@code initialize}. */
    public String name() {
        return name;
    }

    /** The served agent tools (with the registry's interceptors around each call). */
    public ToolRegistry tools() {
        return registry;
    }

    /** The workspace whose files are served as resources, if any. */
    public Optional<Path> workspace() {
        return Optional.ofNullable(workspace);
    }

    /**
     * Tells every client subscribed to {@code uri}, on every transport this server runs, that the
     * resource changed ({@code notifications/resources/updated}). Workspace files are reported by
     * the server itself.
     */
    public void notifyResourceUpdated(String uri) {
        Objects.requireNonNull(uri, "uri");
        for (McpSyncServer s : live) {
            s.notifyResourcesUpdated(new McpSchema.ResourcesUpdatedNotification(uri));
        }
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
        McpSyncServer server = configure(McpServer.sync(transport), mapper).build();
        AutoCloseable watch = watch(server);
        try {
            transport.serve();
        } finally {
            stop(server, watch);
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
        StreamableHttpTransport transport;
        try {
            transport = new StreamableHttpTransport(port, "/mcp", mapper);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " for MCP: " + e.getMessage(), e);
        }
        McpSyncServer server = configure(McpServer.sync(transport), mapper).build();
        AutoCloseable watch = watch(server);
        transport.start();
        return new HttpEndpoint(this, transport, server, watch);
    }

    private <S extends McpServer.SyncSpecification<S>> McpServer.SyncSpecification<S> configure(
            McpServer.SyncSpecification<S> spec, McpJsonMapper mapper) {
        List<McpResource> all = allResources();
        McpSchema.ServerCapabilities.Builder caps = McpSchema.ServerCapabilities.builder().tools(false).logging();
        if (!all.isEmpty()) {
            caps.resources(true, false);
        }
        if (!prompts.isEmpty()) {
            caps.prompts(false);
        }
        if (!prompts.isEmpty() || all.stream().anyMatch(McpResource::isTemplate)) {
            caps.completions();
        }
        List<io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification> tools =
                new ArrayList<>(new ServedTools(registry, mapper).forSession());
        served.forEach(t -> tools.add(ServedFeatures.tool(t, mapper)));
        spec.serverInfo(name, version)
                .jsonMapper(mapper)
                .uriTemplateManagerFactory(new UriTemplates())
                .capabilities(caps.build())
                .tools(tools)
                .resources(ServedFeatures.resources(all))
                .resourceTemplates(ServedFeatures.templates(all))
                .prompts(prompts.stream().map(ServedFeatures::prompt).toList())
                .completions(ServedFeatures.completions(prompts, all));
        if (served.isEmpty()) {
            // Only registry tools, whose arguments ToolRegistry.execute checks: spare each start the SDK's
            // default validator (a service lookup and a meta-schema check of every input schema).
            spec.jsonSchemaValidator(RegistryValidation.INSTANCE).validateToolInputs(false);
        }
        return spec;
    }

    private List<McpResource> allResources() {
        if (workspace == null) {
            return resources;
        }
        List<McpResource> all = new ArrayList<>(resources);
        all.addAll(WorkspaceResources.of(workspace));
        return all;
    }

    private AutoCloseable watch(McpSyncServer server) {
        live.add(server);
        if (workspace == null) {
            return () -> { };
        }
        return WorkspaceResources.watch(workspace,
                uri -> server.notifyResourcesUpdated(new McpSchema.ResourcesUpdatedNotification(uri)));
    }

    private void stop(McpSyncServer server, AutoCloseable watch) {
        live.remove(server);
        try {
            watch.close();
        } catch (Exception e) {
            // the watcher is best-effort; nothing to report
        }
        server.close();
    }

    /** A running HTTP endpoint; closing it stops the server. Thread-safe. */
    public static final class HttpEndpoint implements AutoCloseable {
        private final McpToolServer owner;
        private final StreamableHttpTransport transport;
        private final McpSyncServer server;
        private final AutoCloseable watch;

        private HttpEndpoint(McpToolServer owner, StreamableHttpTransport transport, McpSyncServer server, AutoCloseable watch) {
            this.owner = owner;
            this.transport = transport;
            this.server = server;
            this.watch = watch;
        }

        /** The MCP endpoint, such as {@code http://127.0.0.1:41234/mcp}. */
        public URI uri() {
            return transport.uri();
        }

        /** The number of open client sessions. */
        public int sessions() {
            return transport.sessionCount();
        }

        /** Stops listening. Idempotent. */
        @Override
        public void close() {
            owner.stop(server, watch);
            transport.close();
        }
    }

    /** Builds an {@link McpToolServer}. Not thread-safe. */
    public static final class Builder {
        private String name = "openagention";
        private String version = "0.1.0";
        private ToolRegistry registry = ToolRegistry.of(List.of());
        private final List<McpServedTool> served = new ArrayList<>();
        private final List<McpResource> resources = new ArrayList<>();
        private final List<McpPrompt> prompts = new ArrayList<>();
        private Path workspace;

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

        /** Also serves an MCP tool with rich results and access to the client. */
        public Builder addTool(McpServedTool tool) {
            served.add(Objects.requireNonNull(tool, "tool"));
            return this;
        }

        /** Also serves a resource or a resource template. */
        public Builder addResource(McpResource resource) {
            resources.add(Objects.requireNonNull(resource, "resource"));
            return this;
        }

        /** Also serves a prompt. */
        public Builder addPrompt(McpPrompt prompt) {
            prompts.add(Objects.requireNonNull(prompt, "prompt"));
            return this;
        }

        /**
         * Serves the files below {@code root} as read-only resources: listed (the first 500, skipping
         * {@code .git}, {@code target}, {@code node_modules} and the like), readable through the
         * template {@code file:///ROOT/{+path}} (paths complete), and reported to subscribers when they
         * change. Reads never leave {@code root}.
         */
        public Builder workspaceResources(Path root) {
            this.workspace = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
            return this;
        }

        public McpToolServer build() {
            return new McpToolServer(this);
        }
    }
}
