// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.context;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import org.openagention.core.internal.ToolArguments;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.SystemMessage;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.tool.ToolResult;

/**
 * Renders transcript messages as plain text for a summarisation call: one piece per message, each
 * block capped to its head and tail, tool uses with malformed arguments described as malformed
 * (their text is never passed on as if it were a valid call), images and thinking named but not
 * included.
 */
final class SummaryInput {
    /** The most characters of one text block or tool output a summary is shown. */
    static final int MAX_BLOCK_CHARS = 4_000;
    /** The most characters of one tool call's arguments a summary is shown. */
    static final int MAX_ARGUMENT_CHARS = 1_000;

    private SummaryInput() {}

    static List<String> render(List<Message> messages) {
        List<String> pieces = new ArrayList<>(messages.size());
        for (Message m : messages) {
            pieces.add(render(m));
        }
        return pieces;
    }

    static String render(Message message) {
        StringBuilder sb = new StringBuilder();
        sb.append("### ").append(role(message)).append('\n');
        for (Content c : message.content()) {
            block(sb, c);
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String role(Message message) {
        if (message instanceof AssistantMessage) {
            return "assistant";
        } else if (message instanceof ToolResultMessage) {
            return "tool results";
        } else if (message instanceof SystemMessage) {
            return "system";
        }
        return "user";
    }

    private static void block(StringBuilder sb, Content c) {
        if (c instanceof Content.Text t) {
            sb.append(cap(t.text(), MAX_BLOCK_CHARS));
        } else if (c instanceof Content.ToolUse u) {
            toolUse(sb, u);
        } else if (c instanceof Content.ToolOutput o) {
            sb.append("[result of ").append(o.toolName()).append(" (id ").append(o.toolUseId()).append(')');
            if (o.result() instanceof ToolResult.Error e) {
                sb.append(", error ").append(e.kind());
            }
            sb.append("]\n").append(cap(o.result().text(), MAX_BLOCK_CHARS));
        } else if (c instanceof Content.Image i) {
            sb.append("[image ").append(i.mediaType()).append(" not shown]");
        } else if (c instanceof Content.Thinking) {
            sb.append("[reasoning not shown]");
        } else if (c instanceof Content.Unknown u) {
            sb.append("[").append(u.provider()).append(' ').append(u.type()).append(" block not shown]");
        }
    }

    private static void toolUse(StringBuilder sb, Content.ToolUse u) {
        sb.append("[tool call ").append(u.name()).append(" (id ").append(u.id()).append(')');
        if (isValidArguments(u.argumentsJson())) {
            sb.append(" with arguments ").append(cap(u.argumentsJson().strip(), MAX_ARGUMENT_CHARS)).append(']');
        } else {
            sb.append(" with MALFORMED arguments: ").append(u.argumentsJson().length())
                    .append(" characters that are not a JSON object; the call was rejected and did not run]");
        }
    }

    /** Whether the arguments parse as a JSON object, as the tool registry requires. */
    static boolean isValidArguments(String argumentsJson) {
        try {
            return ToolArguments.parse(argumentsJson).isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** {@code text} cut to its head and tail around a note, when longer than {@code maxChars}. */
    static String cap(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        HeadTail cut = HeadTail.cut(text, maxChars, Integer.MAX_VALUE);
        return cut.join(String.format("[... %,d of %,d characters omitted ...]", cut.omittedChars(), text.length()));
    }
}
