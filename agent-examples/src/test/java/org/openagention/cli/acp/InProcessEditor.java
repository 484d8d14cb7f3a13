// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli.acp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openagention.cli.ApprovalMode;

/**
 * The agent side ({@link AcpAgent} on {@link JsonRpc}) in this JVM, connected by pipes to a
 * minimal editor that sends raw JSON-RPC, records what the agent sends and answers its requests
 * with {@code answers}. For the protocol's error paths and decisions; the end-to-end test drives a
 * real process with the official client library.
 */
final class InProcessEditor implements AutoCloseable {
    private final OutputStream toAgent;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    final List<JsonNode> notifications = new CopyOnWriteArrayList<>();
    final List<JsonNode> agentRequests = new CopyOnWriteArrayList<>();
    private final Thread agentThread;
    private final Thread readerThread;
    private long ids;

    InProcessEditor(Map<String, String> env, Function<JsonNode, JsonNode> answers) throws IOException {
        this(new SessionConfig(env, SessionConfig.defaultModel(env)), answers);
    }

    InProcessEditor(SessionConfig config, Function<JsonNode, JsonNode> answers) throws IOException {
        PipedInputStream agentIn = new PipedInputStream(1 << 20);
        toAgent = new PipedOutputStream(agentIn);
        PipedInputStream editorIn = new PipedInputStream(1 << 20);
        PipedOutputStream agentOut = new PipedOutputStream(editorIn);
        JsonRpc rpc = new JsonRpc(agentIn, agentOut);
        AcpAgent agent = new AcpAgent(new AcpAgent.Settings(config, ApprovalMode.WORKSPACE_WRITE, null, 10, "test"),
                new EditorClient(rpc));
        agentThread = new Thread(() -> {
            try (agent) {
                rpc.serve(agent);
                agentOut.close();
            } catch (IOException e) {
                // the pipe closed
            }
        }, "acp-agent");
        agentThread.start();
        readerThread = new Thread(() -> read(editorIn, answers), "editor");
        readerThread.start();
    }

    private void read(PipedInputStream in, Function<JsonNode, JsonNode> answers) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode msg = AcpJson.MAPPER.readTree(line);
                if (msg.has("method") && msg.has("id")) {
                    agentRequests.add(msg);
                    ObjectNode answer = AcpJson.object().put("jsonrpc", "2.0");
                    answer.set("id", msg.get("id"));
                    answer.set("result", answers.apply(msg));
                    sendRaw(answer.toString());
                } else if (msg.has("method")) {
                    notifications.add(msg.path("params"));
                } else {
                    CompletableFuture<JsonNode> f = pending.remove(msg.path("id").asLong(-1));
                    if (f != null) {
                        f.complete(msg);
                    }
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** Sends a request and returns the whole answer (with {@code result} or {@code error}). */
    JsonNode request(String method, JsonNode params) throws Exception {
        long id;
        synchronized (this) {
            id = ++ids;
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        ObjectNode msg = AcpJson.object().put("jsonrpc", "2.0").put("id", id).put("method", method);
        msg.set("params", params);
        sendRaw(msg.toString());
        return f.get(60, TimeUnit.SECONDS);
    }

    void sendRaw(String line) throws IOException {
        synchronized (toAgent) {
            toAgent.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            toAgent.flush();
        }
    }

    /** The session updates of one kind, in order. */
    List<JsonNode> updates(String kind) {
        return notifications.stream().map(n -> n.path("update"))
                .filter(u -> u.path("sessionUpdate").asText().equals(kind)).toList();
    }

    @Override
    public void close() throws Exception {
        toAgent.close();
        agentThread.join(30_000);
        readerThread.join(30_000);
    }
}
