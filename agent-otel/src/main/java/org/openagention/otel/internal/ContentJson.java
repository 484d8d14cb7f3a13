// SPDX-License-Identifier: Apache-2.0
package org.openagention.otel.internal;

import java.util.List;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.SystemMessage;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelResponse;

/**
 * Prompts and completions as the GenAI conventions' JSON ({@code gen_ai.input.messages},
 * {@code gen_ai.output.messages}, {@code gen_ai.system_instructions}): messages of a role and
 * parts ({@code text}, {@code tool_call}, {@code tool_call_response}, {@code reasoning}), every
 * text redacted. Images are left out (a {@code blob} part with no content). Written by hand: this
 * module needs no JSON library for it.
 */
final class ContentJson {
    private final Redaction redaction;

    ContentJson(Redaction redaction) {
        this.redaction = redaction;
    }

    String systemInstructions(String system) {
        StringBuilder sb = new StringBuilder("[");
        textPart(sb, system);
        return sb.append(']').toString();
    }

    String inputMessages(List<Message> messages) {
        StringBuilder sb = new StringBuilder("[");
        for (Message m : messages) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            if (m instanceof SystemMessage s) {
                sb.append("{\"role\":\"system\",\"parts\":[");
                textPart(sb, s.instructions());
                sb.append("]}");
            } else {
                String role = m instanceof AssistantMessage ? "assistant" : m instanceof ToolResultMessage ? "tool" : "user";
                message(sb, role, m.content(), null);
            }
        }
        return sb.append(']').toString();
    }

    String outputMessages(ModelResponse response) {
        StringBuilder sb = new StringBuilder("[");
        message(sb, "assistant", response.content(), finishReason(response.finishReason()));
        return sb.append(']').toString();
    }

    String text(String text) {
        return redaction.redact(text);
    }

    private void message(StringBuilder sb, String role, List<Content> parts, String finishReason) {
        sb.append("{\"role\":\"").append(role).append("\",\"parts\":[");
        boolean first = true;
        for (Content c : parts) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            if (c instanceof Content.Text t) {
                textPart(sb, t.text());
            } else if (c instanceof Content.ToolUse u) {
                sb.append("{\"type\":\"tool_call\",\"id\":");
                string(sb, u.id());
                sb.append(",\"name\":");
                string(sb, u.name());
                sb.append(",\"arguments\":");
                string(sb, redaction.redact(u.argumentsJson()));
                sb.append('}');
            } else if (c instanceof Content.ToolOutput o) {
                sb.append("{\"type\":\"tool_call_response\",\"id\":");
                string(sb, o.toolUseId());
                sb.append(",\"response\":");
                string(sb, redaction.redact(o.result().text()));
                sb.append('}');
            } else if (c instanceof Content.Thinking th) {
                sb.append("{\"type\":\"reasoning\",\"content\":");
                string(sb, th.redacted() ? "" : redaction.redact(th.text()));
                sb.append('}');
            } else if (c instanceof Content.Image i) {
                sb.append("{\"type\":\"blob\",\"modality\":\"image\",\"mime_type\":");
                string(sb, i.mediaType());
                sb.append('}');
            } else {
                sb.append("{\"type\":\"unknown\"}");
            }
        }
        sb.append(']');
        if (finishReason != null) {
            sb.append(",\"finish_reason\":\"").append(finishReason).append('"');
        }
        sb.append('}');
    }

    private void textPart(StringBuilder sb, String text) {
        sb.append("{\"type\":\"text\",\"content\":");
        string(sb, redaction.redact(text));
        sb.append('}');
    }

    /** The conventions' finish reason for ours (OpenAI's words, which the examples use). */
    static String finishReason(FinishReason reason) {
        return switch (reason) {
            case END_TURN, STOP_SEQUENCE -> "stop";
            case TOOL_USE -> "tool_call";
            case MAX_TOKENS -> "length";
            case CONTENT_FILTER -> "content_filter";
            case REFUSAL -> "refusal";
            case PAUSE -> "pause_turn";
            case OTHER -> "other";
        };
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
