// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The stdio transport, server side: newline-delimited JSON-RPC, one client. We read the input
 * ourselves (the SDK's own stdio transport stops reading at the first line that is not JSON and
 * never reports the end of the input). A line that is not JSON is answered with a JSON-RPC parse
 * error ({@code -32700}, {@code "id": null}), a JSON value that is not a JSON-RPC message with an
 * invalid-request error ({@code -32600}), a request whose params have the wrong shape with an
 * invalid-params error ({@code -32602}, see {@link RequestParams}), each with a one-line warning in
 * the log, and reading goes on. When the input ends, {@link #serve()} waits for the messages still being handled, then
 * returns. Thread-safe; {@link #serve()} is called once.
 */
public final class StdioLineTransport implements McpServerTransportProvider {
    private static final Logger log = LoggerFactory.getLogger(StdioLineTransport.class);
    static final int MAX_LINE_CHARS = 16 * 1024 * 1024;

    private final McpJsonMapper mapper;
    private final InputStream in;
    private final OutputStream out;
    private final Object writeLock = new Object();
    private final Object pendingLock = new Object();
    private int pending;
    private volatile boolean initialized;
    private volatile McpServerSession session;

    public StdioLineTransport(McpJsonMapper mapper, InputStream in, OutputStream out) {
        this.mapper = mapper;
        this.in = in;
        this.out = out;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
        this.session = factory.create(new SessionTransport());
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        McpServerSession s = session;
        return s == null ? Mono.empty() : s.sendNotification(method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }

    /**
     * Reads and dispatches messages until the input ends, then waits for the messages still being
     * handled and returns. Requests left waiting for {@code notifications/initialized}, which never
     * came, are not waited for.
     *
     * @throws InterruptedException when interrupted (the reading thread is a daemon and stays blocked
     *     on the input until it ends)
     */
    public void serve() throws InterruptedException {
        if (session == null) {
            throw new IllegalStateException("no MCP session: build the server on this transport first");
        }
        CountDownLatch ended = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try {
                readAll();
            } finally {
                ended.countDown();
            }
        }, "mcp-stdio-in");
        reader.setDaemon(true);
        reader.start();
        ended.await();
        awaitPending();
    }

    private void readAll() {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            long number = 0;
            for (String line; (line = readLine(lines)) != null; ) {
                number++;
                if (!line.isBlank()) {
                    accept(number, line);
                }
            }
        } catch (IOException e) {
            log.warn("MCP stdio: reading the input failed, stopping: {}", e.toString());
        }
    }

    private void accept(long number, String line) {
        if (line.length() > MAX_LINE_CHARS) {
            reject(number, -32600, NullNode.getInstance(), "message longer than " + MAX_LINE_CHARS + " characters");
            return;
        }
        JsonNode tree;
        try {
            tree = McpJson.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            reject(number, -32700, NullNode.getInstance(), "Parse error: " + e.getOriginalMessage());
            return;
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(mapper, line);
        } catch (IOException | RuntimeException e) {
            reject(number, -32600, requestId(tree),
                    "Invalid Request: expected a JSON-RPC 2.0 request, notification or response object");
            return;
        }
        if (message instanceof McpSchema.JSONRPCRequest request) {
            Optional<String> problem = RequestParams.problem(request.method(), request.params());
            if (problem.isPresent()) {
                reject(number, RequestParams.INVALID_PARAMS, requestId(tree), problem.get());
                return;
            }
        }
        dispatch(message);
    }

    private void dispatch(McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCNotification n && McpSchema.METHOD_NOTIFICATION_INITIALIZED.equals(n.method())) {
            initialized = true;
        }
        synchronized (pendingLock) {
            pending++;
        }
        session.handle(message)
                .doFinally(signal -> {
                    synchronized (pendingLock) {
                        pending--;
                        pendingLock.notifyAll();
                    }
                })
                .subscribe(ignored -> {}, e -> log.warn("MCP stdio: handling a message failed: {}", e.toString()));
    }

    private void awaitPending() throws InterruptedException {
        synchronized (pendingLock) {
            if (!initialized) {
                if (pending > 0) {
                    log.warn("MCP stdio: input ended before notifications/initialized; {} request(s) left unanswered", pending);
                }
                return;
            }
            while (pending > 0) {
                pendingLock.wait();
            }
        }
    }

    private void reject(long number, int code, JsonNode id, String message) {
        log.warn("MCP stdio: input line {} rejected ({}): {}", number, code, message);
        ObjectNode error = McpJson.MAPPER.createObjectNode().put("jsonrpc", McpSchema.JSONRPC_VERSION);
        error.set("id", id); // JSON-RPC wants "id": null when the id cannot be read
        error.putObject("error").put("code", code).put("message", message);
        try {
            writeLine(error.toString());
        } catch (IOException e) {
            log.warn("MCP stdio: cannot write the error response: {}", e.toString());
        }
    }

    /** The id of a message that looks like a request (a string or integer id), else JSON null. */
    private static JsonNode requestId(JsonNode tree) {
        JsonNode id = tree.isObject() ? tree.get("id") : null;
        return id != null && (id.isTextual() || id.isIntegralNumber()) ? id : NullNode.getInstance();
    }

    private void writeLine(String json) throws IOException {
        byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (writeLock) {
            out.write(bytes);
            out.flush();
        }
    }

    /**
     * One line without its terminator ({@code \n}, or {@code \r\n}), or null at the end of the
     * input. A line past {@link #MAX_LINE_CHARS} is read to its end but kept only up to one character
     * past the limit.
     */
    static String readLine(BufferedReader reader) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = reader.read()) >= 0 && c != '\n') {
            if (line.length() <= MAX_LINE_CHARS) {
                line.append((char) c);
            }
        }
        if (c < 0 && line.length() == 0) {
            return null;
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
        }
        return line.toString();
    }

    /** The session's side: sends each message as one line. */
    private final class SessionTransport implements McpServerTransport {
        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.fromRunnable(() -> {
                try {
                    writeLine(mapper.writeValueAsString(SdkWorkarounds.outgoing(message)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write an MCP message to the output: " + e.getMessage(), e);
                }
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return mapper.convertValue(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }
}
