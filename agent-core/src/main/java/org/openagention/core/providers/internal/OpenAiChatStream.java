// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.openagention.core.internal.Json;
import org.openagention.core.message.Content;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.StreamEvent;
import org.openagention.core.model.StreamListener;
import org.openagention.core.model.Usage;

/**
 * Assembles a streamed Chat Completions response from its chunks, reporting each piece to a
 * {@link StreamListener} as it arrives: text deltas, reasoning deltas, tool-call starts and
 * argument fragments (assembled by their {@code index}), and a finished event per tool call once
 * the stream ends. {@link #response()} is then the same {@link ModelResponse} that
 * {@link OpenAiChatResponses#read} makes of the equivalent blocking response. One per stream;
 * not thread-safe.
 */
public final class OpenAiChatStream implements SseListener {
    private final StreamListener listener;
    private final String provider;
    private final Redactor redactor;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private final StringBuilder refusal = new StringBuilder();
    private final List<Call> calls = new ArrayList<>(2);
    private String id = "";
    private String model = "";
    private String finish;
    private Usage usage = Usage.ZERO;
    private ModelResponse response;

    public OpenAiChatStream(StreamListener listener, String provider, Redactor redactor) {
        this.listener = listener;
        this.provider = provider;
        this.redactor = redactor;
    }

    private static final class Call {
        String id = "";
        final StringBuilder name = new StringBuilder();
        final StringBuilder arguments = new StringBuilder();
        boolean started;
    }

    @Override
    public void onEvent(String event, String data) {
        JsonNode chunk;
        try {
            chunk = Json.parse(data);
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException("a chunk that is not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode error = chunk.get("error");
        if (error != null && !error.isNull()) {
            throw ProviderErrors.fromResponse(provider, 0, null, data, null, redactor);
        }
        if (id.isEmpty()) {
            id = Json.text(chunk, "id", "");
        }
        if (model.isEmpty()) {
            model = Json.text(chunk, "model", "");
        }
        JsonNode u = chunk.get("usage");
        if (u != null && u.isObject()) {
            usage = OpenAiChatResponses.usage(u);
        }
        JsonNode choices = chunk.get("choices");
        if (choices == null || !choices.isArray()) {
            return; // the usage-only chunk, or a keep-alive: nothing else to read
        }
        for (JsonNode choice : choices) {
            if (choice.path("index").asInt(0) != 0) {
                continue;
            }
            JsonNode delta = choice.get("delta");
            if (delta != null && delta.isObject()) {
                readDelta(delta);
            }
            String f = Json.text(choice, "finish_reason", "");
            if (!f.isEmpty()) {
                finish = f;
            }
        }
    }

    private void readDelta(JsonNode delta) {
        String reasoning = OpenAiChatResponses.reasoning(delta);
        if (!reasoning.isEmpty()) {
            thinking.append(reasoning);
            listener.onEvent(new StreamEvent.ThinkingDelta(reasoning));
        }
        String t = OpenAiChatResponses.text(delta.get("content"));
        if (!t.isEmpty()) {
            text.append(t);
            listener.onEvent(new StreamEvent.TextDelta(t));
        }
        JsonNode r = delta.get("refusal");
        if (r != null && r.isTextual()) {
            refusal.append(r.asText());
        }
        JsonNode toolCalls = delta.get("tool_calls");
        if (toolCalls != null && toolCalls.isArray()) {
            for (JsonNode tc : toolCalls) {
                readToolCall(tc);
            }
        }
    }

    private void readToolCall(JsonNode tc) {
        JsonNode indexNode = tc.get("index");
        String callId = Json.text(tc, "id", "");
        int index = indexNode != null && indexNode.canConvertToInt() ? indexNode.asInt() : indexWithout(callId);
        if (index < 0 || index > 1024) {
            throw new MalformedResponseException("a tool call with index " + index);
        }
        while (calls.size() <= index) {
            calls.add(new Call());
        }
        Call call = calls.get(index);
        if (!callId.isEmpty() && !call.started) {
            call.id = callId;
        }
        JsonNode fn = tc.path("function");
        call.name.append(Json.text(fn, "name", ""));
        if (!call.started && call.name.length() > 0) {
            if (call.id.isEmpty()) {
                call.id = OpenAiChatResponses.generatedId(id, index, call.name.toString());
            }
            call.started = true;
            listener.onEvent(new StreamEvent.ToolCallStarted(index, call.id, call.name.toString()));
        }
        JsonNode args = fn.get("arguments");
        if (args != null && !args.isNull()) {
            String fragment = args.isTextual() ? args.asText() : args.toString();
            if (!fragment.isEmpty()) {
                call.arguments.append(fragment);
                listener.onEvent(new StreamEvent.ToolCallDelta(index, fragment));
            }
        }
    }

    /** Where a tool-call delta without an index belongs: its id's call, a new call, or the last one. */
    private int indexWithout(String callId) {
        if (callId.isEmpty()) {
            return Math.max(0, calls.size() - 1);
        }
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).id.equals(callId)) {
                return i;
            }
        }
        return calls.size();
    }

    @Override
    public void onComplete(boolean sawDone) {
        if (!sawDone && finish == null) {
            throw new MalformedResponseException("a stream that ended before its last chunk (no finish_reason, no [DONE])");
        }
        ModelResponse.Builder b = ModelResponse.builder().id(id).modelId(model).usage(usage);
        if (thinking.length() > 0) {
            b.addContent(new Content.Thinking(thinking.toString()));
        }
        boolean refused = false;
        if (text.length() > 0) {
            b.addText(text.toString());
        } else if (refusal.length() > 0) {
            refused = true;
            b.addText(refusal.toString());
            listener.onEvent(new StreamEvent.TextDelta(refusal.toString()));
        }
        boolean hasCalls = false;
        for (int i = 0; i < calls.size(); i++) {
            Call c = calls.get(i);
            if (c.name.length() == 0) {
                continue; // an index the server skipped
            }
            String args = c.arguments.length() == 0 ? "{}" : c.arguments.toString();
            Content.ToolUse use = new Content.ToolUse(c.id, c.name.toString(), args);
            b.addContent(use);
            hasCalls = true;
            listener.onEvent(new StreamEvent.ToolCallFinished(i, use.toCall()));
        }
        FinishReason reason = OpenAiChatResponses.finishReason(finish == null ? "" : finish, hasCalls);
        if (refused && reason == FinishReason.END_TURN) {
            reason = FinishReason.REFUSAL;
        }
        response = b.finishReason(reason).build();
    }

    /** The assembled response; only after the stream completed. */
    public ModelResponse response() {
        if (response == null) {
            throw new IllegalStateException("the stream has not completed");
        }
        return response;
    }
}
