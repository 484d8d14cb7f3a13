// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.context;

import java.util.Objects;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.Usage;

/**
 * Counts the input tokens a {@link ModelRequest} will use, before it is sent: its system prompt,
 * messages (text, tool uses with their arguments, tool results), tool definitions with their
 * schemas, and output schema.
 *
 * <p>This is the plug point for tokenizers: a provider that can count exactly (a local tokenizer,
 * a count-tokens endpoint) implements this interface; otherwise {@link #estimating} gives a
 * character-ratio estimate per {@link TokenizerFamily}, and {@link #calibrating} wraps any counter
 * so that it learns from the input tokens providers report.
 *
 * <pre>{@code
 * TokenCounter counter = TokenCounter.calibrating(TokenCounter.estimating(TokenizerFamily.ANTHROPIC));
 * long tokens = counter.count(request);
 * ModelResponse response = model.complete(request);
 * counter.observe(request, response.usage()); // the next estimate is closer
 * }</pre>
 *
 * <p>Implementations are thread-safe: one counter may serve many runs at once.
 */
public interface TokenCounter {

    /** The input tokens {@code request} will use, as well as this counter can tell; never negative. */
    long count(ModelRequest request);

    /**
     * Tells this counter what a provider reported for a request that was sent, so that it may
     * correct its next counts. The default ignores it; {@link CalibratingTokenCounter} learns from it.
     */
    default void observe(ModelRequest request, Usage reported) {}

    /** A character-ratio estimate for {@code family}, counting prose and code apart. */
    static TokenCounter estimating(TokenizerFamily family) {
        return new EstimatingTokenCounter(Objects.requireNonNull(family, "family"));
    }

    /** {@code base}, corrected by the ratio between reported and counted tokens it observes. */
    static CalibratingTokenCounter calibrating(TokenCounter base) {
        return new CalibratingTokenCounter(base);
    }
}
