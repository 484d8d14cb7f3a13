// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openagention.core.internal.Json;

/**
 * The two wire formats a {@link FaultyProvider} speaks: OpenAI Chat Completions and Anthropic
 * Messages, each as one JSON document or as a server-sent-event stream. Bodies follow the shapes
 * recorded from the real APIs (see the provider fixtures of agent-core's tests).
 */
enum FaultyWire {
    OPENAI("/v1", "x-request-id") {
        @Override
        String text(String model, int n, String text, boolean stream) {
            if (!stream) {
                ObjectNode message = Json.object().put("role", "assistant").put("content", text);
                return Json.write(completion(model, n, message, "stop"));
            }
            return chunk(model, n, Json.object().put("role", "assistant").put("content", ""), null)
                    + chunk(model, n, Json.object().put("content", text), null)
                    + chunk(model, n, Json.object(), "stop") + usageChunk(model, n) + "data: [DONE]\n\n";
        }

        @Override
        String toolCall(String model, int n, String name, String arguments, boolean stream) {
            if (!stream) {
                ObjectNode message = Json.object().put("role", "assistant").putNull("content");
                message.putArray("tool_calls").add(call(n, name, arguments));
                return Json.write(completion(model, n, message, "tool_calls"));
            }
            int half = arguments.length() / 2;
            return chunk(model, n, Json.object().put("role", "assistant").putNull("content"), null)
                    + chunk(model, n, callDelta(call(n, name, "")), null)
                    + chunk(model, n, callDelta(argumentsDelta(arguments.substring(0, half))), null)
                    + chunk(model, n, callDelta(argumentsDelta(arguments.substring(half))), null)
                    + chunk(model, n, Json.object(), "tool_calls") + usageChunk(model, n) + "data: [DONE]\n\n";
        }

        @Override
        String empty(String model, int n, boolean stream) {
            if (!stream) {
                ObjectNode root = completion(model, n, Json.object(), "stop");
                root.putArray("choices");
                return Json.write(root);
            }
            return usageChunk(model, n) + "data: [DONE]\n\n";
        }

        @Override
        String error(int status) {
            String type = status == 429 ? "requests" : status >= 500 ? "server_error" : "invalid_request_error";
            String code = status == 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request";
            ObjectNode error = Json.object().put("message", "fault injected by FaultyProvider: HTTP " + status)
                    .put("type", type).put("code", code);
            ObjectNode root = Json.object();
            root.set("error", error);
            return Json.write(root);
        }

        private ObjectNode completion(String model, int n, ObjectNode message, String finish) {
            ObjectNode root = Json.object().put("id", "chatcmpl-faulty-" + n).put("object", "chat.completion")
                    .put("created", 1760000000).put("model", model);
            ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
            choice.set("message", message);
            choice.put("finish_reason", finish);
            root.set("usage", usage());
            return root;
        }

        private ObjectNode call(int n, String name, String arguments) {
            ObjectNode call = Json.object().put("index", 0).put("id", "call_faulty_" + n).put("type", "function");
            call.putObject("function").put("name", name).put("arguments", arguments);
            return call;
        }

        private ObjectNode argumentsDelta(String piece) {
            ObjectNode call = Json.object().put("index", 0);
            call.putObject("function").put("arguments", piece);
            return call;
        }

        private ObjectNode callDelta(ObjectNode call) {
            ObjectNode delta = Json.object();
            delta.putArray("tool_calls").add(call);
            return delta;
        }

        private String chunk(String model, int n, ObjectNode delta, String finish) {
            ObjectNode root = Json.object().put("id", "chatcmpl-faulty-" + n).put("object", "chat.completion.chunk")
                    .put("created", 1760000000).put("model", model);
            ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
            choice.set("delta", delta);
            choice.put("finish_reason", finish);
            return "data: " + Json.write(root) + "\n\n";
        }

        private String usageChunk(String model, int n) {
            ObjectNode root = Json.object().put("id", "chatcmpl-faulty-" + n).put("object", "chat.completion.chunk")
                    .put("created", 1760000000).put("model", model);
            root.putArray("choices");
            root.set("usage", usage());
            return "data: " + Json.write(root) + "\n\n";
        }

        private ObjectNode usage() {
            return Json.object().put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
        }
    },

    ANTHROPIC("", "request-id") {
        @Override
        String text(String model, int n, String text, boolean stream) {
            if (!stream) {
                ObjectNode root = message(model, n, "end_turn");
                ((ArrayNode) root.get("content")).addObject().put("type", "text").put("text", text);
                return Json.write(root);
            }
            ObjectNode block = Json.object().put("type", "text").put("text", "");
            return start(model, n) + blockStart(0, block)
                    + event("content_block_delta", blockDelta(0, Json.object().put("type", "text_delta").put("text", text)))
                    + event("content_block_stop", Json.object().put("type", "content_block_stop").put("index", 0))
                    + stop("end_turn");
        }

        @Override
        String toolCall(String model, int n, String name, String arguments, boolean stream) {
            if (!stream) {
                ObjectNode root = message(model, n, "tool_use");
                ObjectNode use = ((ArrayNode) root.get("content")).addObject().put("type", "tool_use")
                        .put("id", "toolu_faulty_" + n).put("name", name);
                use.set("input", Json.parseTrusted(arguments));
                return Json.write(root);
            }
            int half = arguments.length() / 2;
            ObjectNode block = Json.object().put("type", "tool_use").put("id", "toolu_faulty_" + n).put("name", name);
            block.putObject("input");
            return start(model, n) + blockStart(0, block) + inputDelta(arguments.substring(0, half))
                    + inputDelta(arguments.substring(half))
                    + event("content_block_stop", Json.object().put("type", "content_block_stop").put("index", 0))
                    + stop("tool_use");
        }

        @Override
        String empty(String model, int n, boolean stream) {
            return stream ? start(model, n) + stop("end_turn") : Json.write(message(model, n, "end_turn"));
        }

        @Override
        String error(int status) {
            String type = switch (status) {
                case 429 -> "rate_limit_error";
                case 529 -> "overloaded_error";
                case 401 -> "authentication_error";
                case 403 -> "permission_error";
                case 404 -> "not_found_error";
                case 413 -> "request_too_large";
                default -> status >= 500 ? "api_error" : "invalid_request_error";
            };
            ObjectNode root = Json.object().put("type", "error");
            root.putObject("error").put("type", type).put("message", "fault injected by FaultyProvider: HTTP " + status);
            return Json.write(root);
        }

        private ObjectNode message(String model, int n, String stopReason) {
            ObjectNode root = Json.object().put("id", "msg_faulty_" + n).put("type", "message").put("role", "assistant")
                    .put("model", model);
            root.putArray("content");
            root.put("stop_reason", stopReason).putNull("stop_sequence");
            root.putObject("usage").put("input_tokens", 10).put("output_tokens", 5);
            return root;
        }

        private String start(String model, int n) {
            ObjectNode message = message(model, n, "end_turn");
            message.putNull("stop_reason");
            ObjectNode root = Json.object().put("type", "message_start");
            root.set("message", message);
            return event("message_start", root);
        }

        private String blockStart(int index, ObjectNode block) {
            ObjectNode root = Json.object().put("type", "content_block_start").put("index", index);
            root.set("content_block", block);
            return event("content_block_start", root);
        }

        private ObjectNode blockDelta(int index, ObjectNode delta) {
            ObjectNode root = Json.object().put("type", "content_block_delta").put("index", index);
            root.set("delta", delta);
            return root;
        }

        private String inputDelta(String piece) {
            return event("content_block_delta",
                    blockDelta(0, Json.object().put("type", "input_json_delta").put("partial_json", piece)));
        }

        private String stop(String stopReason) {
            ObjectNode delta = Json.object().put("type", "message_delta");
            delta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
            delta.putObject("usage").put("output_tokens", 5);
            return event("message_delta", delta) + event("message_stop", Json.object().put("type", "message_stop"));
        }

        private String event(String name, JsonNode data) {
            return "event: " + name + "\ndata: " + Json.write(data) + "\n\n";
        }
    };

    private final String basePath;
    private final String requestIdHeader;

    FaultyWire(String basePath, String requestIdHeader) {
        this.basePath = basePath;
        this.requestIdHeader = requestIdHeader;
    }

    /** What a client appends its endpoint to: {@code /v1} for OpenAI, nothing for Anthropic. */
    String basePath() {
        return basePath;
    }

    String requestIdHeader() {
        return requestIdHeader;
    }

    abstract String text(String model, int n, String text, boolean stream);

    abstract String toolCall(String model, int n, String name, String arguments, boolean stream);

    abstract String empty(String model, int n, boolean stream);

    abstract String error(int status);

    /** A body that is not JSON where JSON must be. */
    String malformed(boolean stream) {
        return stream ? "data: {\"id\": this is not json\n\n" : "{\"id\": \"faulty\", \"choices\": [ this is not json";
    }

    /** A tool call cut in the middle of its arguments: the bytes to send before the connection drops. */
    String cutToolCall(String model, int n, boolean stream) {
        String arguments = "{\"path\":\"src/main/java/App.java\",\"limit\":200}";
        String full = toolCall(model, n, "read_file", arguments, stream);
        int at = full.indexOf(stream ? "\"limit" : "src/main");
        if (stream) {
            at = full.lastIndexOf("\n\n", at) + 2; // after the event with the first half of the arguments
        }
        return full.substring(0, at);
    }
}
