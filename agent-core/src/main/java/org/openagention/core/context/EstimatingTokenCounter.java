// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.context;

import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.tool.ToolSpec;

/**
 * Estimates tokens from characters: each text is scored for how much it looks like code (the
 * density of brackets, operators and quotes), and its ASCII characters are divided by a ratio
 * between the family's prose and code ratios; other characters count one token each. Fixed
 * overheads stand for the framing tokens providers add per message, tool and block.
 *
 * <p>Stateless and thread-safe.
 */
final class EstimatingTokenCounter implements TokenCounter {
    static final int REQUEST_OVERHEAD = 8;
    static final int MESSAGE_OVERHEAD = 4;
    static final int TOOL_DEFINITION_OVERHEAD = 12;
    static final int BLOCK_OVERHEAD = 6;
    /** About what one large image costs with either provider. */
    static final int IMAGE_TOKENS = 1600;
    /** The density of code symbols from which a text counts as all code. */
    private static final double CODE_DENSITY = 0.10;
    /** The density that ordinary prose reaches by itself (quotes, the odd parenthesis). */
    private static final double PROSE_DENSITY = 0.015;

    private final TokenizerFamily family;

    EstimatingTokenCounter(TokenizerFamily family) {
        this.family = family;
    }

    @Override
    public long count(ModelRequest request) {
        double tokens = REQUEST_OVERHEAD + text(request.system());
        for (ToolSpec tool : request.tools()) {
            tokens += TOOL_DEFINITION_OVERHEAD + text(tool.name()) + text(tool.description())
                    + text(tool.inputSchemaJson());
        }
        if (request.outputSchema().isPresent()) {
            tokens += TOOL_DEFINITION_OVERHEAD + text(request.outputSchema().get().schemaJson());
        }
        for (Message message : request.messages()) {
            tokens += message(message);
        }
        return (long) Math.ceil(tokens);
    }

    private double message(Message message) {
        double tokens = MESSAGE_OVERHEAD;
        for (Content c : message.content()) {
            tokens += block(c);
        }
        return tokens;
    }

    private double block(Content c) {
        if (c instanceof Content.Text t) {
            return text(t.text());
        } else if (c instanceof Content.ToolUse u) {
            return BLOCK_OVERHEAD + text(u.id()) + text(u.name()) + text(u.argumentsJson());
        } else if (c instanceof Content.ToolOutput o) {
            return BLOCK_OVERHEAD + text(o.toolUseId()) + text(o.result().text());
        } else if (c instanceof Content.Image) {
            return IMAGE_TOKENS;
        } else if (c instanceof Content.Thinking th) {
            return BLOCK_OVERHEAD + text(th.text());
        } else if (c instanceof Content.Unknown u) {
            return BLOCK_OVERHEAD + text(u.rawJson());
        }
        throw new IllegalStateException("unexpected content " + c.getClass().getName());
    }

    /** The estimated tokens of one text. */
    double text(String s) {
        int ascii = 0;
        int other = 0;
        int symbols = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= 0x80) {
                other++;
            } else {
                ascii++;
                if (isCodeSymbol(ch)) {
                    symbols++;
                }
            }
        }
        if (ascii == 0) {
            return other;
        }
        double density = (double) symbols / ascii;
        double codeness = Math.min(1.0, Math.max(0.0, (density - PROSE_DENSITY) / (CODE_DENSITY - PROSE_DENSITY)));
        double charsPerToken = family.proseCharsPerToken()
                - (family.proseCharsPerToken() - family.codeCharsPerToken()) * codeness;
        return ascii / charsPerToken + other;
    }

    private static boolean isCodeSymbol(char ch) {
        switch (ch) {
            case '{': case '}': case '[': case ']': case '(': case ')': case '<': case '>':
            case ';': case '=': case '_': case '/': case '\\': case '|': case '&': case '*':
            case '#': case '$': case '@': case '^': case '~': case '`': case '"': case '+': case ':':
            case '\t':
                return true;
            default:
                return false;
        }
    }

    @Override
    public String toString() {
        return "EstimatingTokenCounter[" + family + "]";
    }
}
