// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted model on loopback speaking OpenAI's chat completions wire format (JSON, or server-sent
 * events when the request streams): each request gets the next queued reply; the request bodies
 * are kept for assertions. With nothing queued it answers "(no reply scripted)". Thread-safe.
 */
public final class ScriptedChat implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One reply: reasoning, text and tool calls ({name, argumentsJson} pairs). */
    public record Reply(String reasoning, String text, List<String[]> calls) {
        public static Reply text(String text) {
            return new Reply("", text, List.of());
        }

        public static Reply call(String name, String argumentsJson) {
            return new Reply("", "", List.<String[]>of(new String[] {name, argumentsJson}));
        }
    }

    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private int calls;

    public ScriptedChat() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            requests.add(request);
            Reply r = replies.poll();
            String body = request.path("stream").asBoolean() ? sse(r == null ? Reply.text("(no reply scripted)") : r)
                    : JSON.writeValueAsString(whole(r == null ? Reply.text("(no reply scripted)") : r));
            exchange.getResponseHeaders().add("Content-Type", request.path("stream").asBoolean()
                    ? "text/event-stream" : "application/json");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public ScriptedChat enqueue(Reply... rs) {
        replies.addAll(List.of(rs));
        return this;
    }

    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** The text of every message of request {@code i}, joined. */
    public String requestText(int i) {
        return requests.get(i).path("messages").toString();
    }

    private synchronized String nextId() {
        return "call_" + (++calls);
    }

    private ObjectNode whole(Reply r) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", r.text());
        if (!r.reasoning().isEmpty()) {
            message.put("reasoning_content", r.reasoning());
        }
        if (!r.calls().isEmpty()) {
            message.set("tool_calls", toolCalls(r, true));
        }
        ObjectNode o = JSON.createObjectNode().put("id", "c").put("model", "scripted");
        o.putArray("choices").addObject().put("index", 0).put("finish_reason", r.calls().isEmpty() ? "stop" : "tool_calls")
                .set("message", message);
        o.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
        return o;
    }

    private ArrayNode toolCalls(Reply r, boolean whole) {
        ArrayNode list = JSON.createArrayNode();
        for (int i = 0; i < r.calls().size(); i++) {
            ObjectNode c = list.addObject().put("id", nextId()).put("type", "function");
            if (!whole) {
                c.put("index", i);
            }
            c.putObject("function").put("name", r.calls().get(i)[0]).put("arguments", r.calls().get(i)[1]);
        }
        return list;
    }

    private String sse(Reply r) throws IOException {
        StringBuilder b = new StringBuilder();
        if (!r.reasoning().isEmpty()) {
            b.append(chunk(JSON.createObjectNode().put("reasoning_content", r.reasoning()), null));
        }
        if (!r.text().isEmpty()) {
            int half = r.text().length() / 2;
            b.append(chunk(JSON.createObjectNode().put("content", r.text().substring(0, half)), null));
            b.append(chunk(JSON.createObjectNode().put("content", r.text().substring(half)), null));
        }
        if (!r.calls().isEmpty()) {
            ObjectNode delta = JSON.createObjectNode();
            delta.set("tool_calls", toolCalls(r, false));
            b.append(chunk(delta, null));
        }
        b.append(chunk(JSON.createObjectNode(), r.calls().isEmpty() ? "stop" : "tool_calls"));
        ObjectNode usage = JSON.createObjectNode().put("id", "c").put("model", "scripted");
        usage.putArray("choices");
        usage.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
        b.append("data: ").append(JSON.writeValueAsString(usage)).append("\n\n");
        return b.append("data: [DONE]\n\n").toString();
    }

    private static String chunk(ObjectNode delta, String finish) throws IOException {
        ObjectNode o = JSON.createObjectNode().put("id", "c").put("model", "scripted");
        ObjectNode choice = o.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finish != null) {
            choice.put("finish_reason", finish);
        }
        return "data: " + JSON.writeValueAsString(o) + "\n\n";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
