// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.openagention.core.internal.Json;
import org.openagention.core.message.Content;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.StreamEvent;
import org.openagention.core.model.StreamListener;
import org.openagention.core.providers.internal.MalformedResponseException;
import org.openagention.core.model.Usage;
import org.openagention.core.tool.ToolCall;

/**
 * Assembles the server-sent events of a streamed Messages API response into the same
 * {@link ModelResponse} that the blocking call returns, telling a listener about each piece as
 * it arrives. One instance per response; not thread-safe.
 */
final class AnthropicStream {
    private final StreamListener listener;
    private final TreeMap<Integer, Block> blocks = new TreeMap<>();
    private String id = "";
    private String model = "";
    private Usage usage = Usage.ZERO;
    private String stopReason;
    private boolean started;
    private boolean stopped;
    private int toolCalls;
    private boolean emitted;

    AnthropicStream(StreamListener listener) {
        this.listener = listener;
    }

    /** Whether anything reached the listener yet (after that, a failure must not be retried). */
    boolean emitted() {
        return emitted;
    }

    /**
     * Takes one event. The data's {@code type} names it (Anthropic repeats the event name there);
     * {@code event} is the fallback.
     *
     * @throws MalformedResponseException when the event is not what the API documents
     */
    void accept(String event, String data) {
        JsonNode n = WireJson.tryParse(data).orElseThrow(() -> new MalformedResponseException(
                "a stream event is not valid JSON: " + abbreviate(data)));
        String type = Json.text(n, "type", event == null ? "" : event);
        switch (type) {
            case "message_start" -> {
                JsonNode message = n.path("message");
                id = Json.text(message, "id", "");
                model = Json.text(message, "model", "");
                usage = AnthropicResponses.usage(message.get("usage"), Usage.ZERO);
                started = true;
            }
            case "content_block_start" -> start(n.path("index").asInt(), n.path("content_block"));
            case "content_block_delta" -> delta(block(n), n.path("delta"));
            case "content_block_stop" -> stop(block(n));
            case "message_delta" -> {
                stopReason = Json.text(n.path("delta"), "stop_reason", stopReason);
                usage = AnthropicResponses.usage(n.get("usage"), usage);
            }
            case "message_stop" -> stopped = true;
            case "error" -> throw new MalformedResponseException("an error event the transport did not catch: "
                    + abbreviate(data));
            default -> { } // ping, and event types added after this was written
        }
    }

    /** The assembled response; fails when the stream ended before {@code message_stop}. */
    ModelResponse finish() {
        if (!started || !stopped) {
            throw new MalformedResponseException("the stream ended before " + (started ? "message_stop" : "message_start")
                    + " (cut off?)");
        }
        List<Content> content = new ArrayList<>();
        for (Block b : blocks.values()) {
            content.add(b.content());
        }
        FinishReason finish = AnthropicResponses.finishReason(stopReason);
        return ModelResponse.builder().id(id).modelId(model).content(content).finishReason(finish).usage(usage).build();
    }

    private void start(int index, JsonNode block) {
        if (!block.isObject()) {
            throw new MalformedResponseException("content_block_start without a content_block");
        }
        Block b = new Block((ObjectNode) block.deepCopy());
        blocks.put(index, b);
        if (b.type.equals("tool_use")) {
            b.toolIndex = toolCalls++;
            emit(new StreamEvent.ToolCallStarted(b.toolIndex, Json.text(block, "id", ""),
                    Json.text(block, "name", "")));
        } else if (b.type.equals("text")) {
            b.text.append(Json.text(block, "text", ""));
            emitText(b.text.toString());
        } else if (b.type.equals("thinking")) {
            b.text.append(Json.text(block, "thinking", ""));
            b.signature = Json.text(block, "signature", "");
        }
    }

    private Block block(JsonNode event) {
        Block b = blocks.get(event.path("index").asInt(-1));
        if (b == null) {
            throw new MalformedResponseException("an event names content block " + event.path("index")
                    + " that never started");
        }
        return b;
    }

    private void delta(Block b, JsonNode delta) {
        switch (Json.text(delta, "type", "")) {
            case "text_delta" -> {
                String text = Json.text(delta, "text", "");
                b.text.append(text);
                emitText(text);
            }
            case "input_json_delta" -> {
                String part = Json.text(delta, "partial_json", "");
                b.json.append(part);
                if (b.toolIndex >= 0 && !part.isEmpty()) {
                    emit(new StreamEvent.ToolCallDelta(b.toolIndex, part));
                }
            }
            case "thinking_delta" -> {
                String text = Json.text(delta, "thinking", "");
                b.text.append(text);
                if (!text.isEmpty()) {
                    emit(new StreamEvent.ThinkingDelta(text));
                }
            }
            case "signature_delta" -> b.signature = b.signature + Json.text(delta, "signature", "");
            default -> { } // citations_delta and later additions: the block's start holds what we keep
        }
    }

    private void stop(Block b) {
        if (b.toolIndex >= 0) {
            Content.ToolUse use = (Content.ToolUse) b.content();
            emit(new StreamEvent.ToolCallFinished(b.toolIndex, new ToolCall(use.id(), use.name(),
                    use.argumentsJson())));
        }
    }

    private void emitText(String text) {
        if (!text.isEmpty()) {
            emit(new StreamEvent.TextDelta(text));
        }
    }

    private void emit(StreamEvent event) {
        emitted = true;
        listener.onEvent(event);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    /** One content block being assembled. */
    private static final class Block {
        final ObjectNode start;
        final String type;
        final StringBuilder text = new StringBuilder();
        final StringBuilder json = new StringBuilder();
        String signature = "";
        int toolIndex = -1;

        Block(ObjectNode start) {
            this.start = start;
            this.type = Json.text(start, "type", "");
        }

        Content content() {
            switch (type) {
                case "text":
                    return new Content.Text(text.toString());
                case "thinking":
                    return new Content.Thinking(text.toString(), signature, false);
                case "tool_use":
                    return new Content.ToolUse(Json.text(start, "id", ""), Json.text(start, "name", ""),
                            WireJson.canonicalArguments(json.toString()));
                default:
                    // Blocks we do not model (server_tool_use, redacted_thinking...) end up as the
                    // blocking call returns them: the start block, with its streamed input filled in.
                    ObjectNode whole = start.deepCopy();
                    if (json.length() > 0 || start.has("input")) {
                        whole.set("input", WireJson.tryParse(json.toString()).orElse(Json.object()));
                    }
                    return AnthropicResponses.block(whole);
            }
        }
    }
}
