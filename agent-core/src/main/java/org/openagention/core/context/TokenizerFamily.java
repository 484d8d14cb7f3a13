// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.context;

import java.util.Locale;

/**
 * A family of tokenizers, with the characters-per-token ratios an estimate uses for prose and for
 * code (code, JSON and markup split into more tokens per character than prose).
 *
 * <p>The ratios are rules of thumb for English text and source code; a
 * {@link CalibratingTokenCounter} corrects them from the usage a provider reports. Characters
 * outside ASCII count as one token each, which is about right for CJK text and errs high for
 * accented Latin text.
 */
public enum TokenizerFamily {
    /** Claude models (Anthropic's tokenizer): about 3.5 characters per token of prose. */
    ANTHROPIC(3.5, 2.8),
    /** GPT and o-series models (o200k / cl100k BPE): about 4 characters per token of prose. */
    OPENAI(4.0, 3.2),
    /** Anything else (Llama, Qwen, Mistral... behind an OpenAI-compatible server): in between. */
    GENERIC(3.7, 3.0);

    private final double proseCharsPerToken;
    private final double codeCharsPerToken;

    TokenizerFamily(double proseCharsPerToken, double codeCharsPerToken) {
        this.proseCharsPerToken = proseCharsPerToken;
        this.codeCharsPerToken = codeCharsPerToken;
    }

    /** Characters per token in ordinary prose. */
    public double proseCharsPerToken() {
        return proseCharsPerToken;
    }

    /** Characters per token in source code and JSON. */
    public double codeCharsPerToken() {
        return codeCharsPerToken;
    }

    /**
     * The family a model name suggests: names mentioning {@code claude} or {@code anthropic} are
     * {@link #ANTHROPIC}, names mentioning {@code gpt}, {@code openai} or an o-series id are
     * {@link #OPENAI}, anything else {@link #GENERIC}.
     */
    public static TokenizerFamily forModel(String modelName) {
        String n = modelName.toLowerCase(Locale.ROOT);
        if (n.contains("claude") || n.contains("anthropic")) {
            return ANTHROPIC;
        }
        if (n.contains("gpt") || n.contains("openai") || n.matches("(.*[:/])?o[1-9](-.*)?")) {
            return OPENAI;
        }
        return GENERIC;
    }
}
