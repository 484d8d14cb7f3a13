// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

/** Why the model stopped producing one response. Each provider's values map onto these. */
public enum FinishReason {
    /** The model finished its turn (Anthropic {@code end_turn}, OpenAI {@code stop}). */
    END_TURN,
    /** The model asked for tools. */
    TOOL_USE,
    /** The output token limit was reached: the response is cut short. */
    MAX_TOKENS,
    /** A stop sequence was produced. */
    STOP_SEQUENCE,
    /** The provider filtered the content. */
    CONTENT_FILTER,
    /** The model refused. */
    REFUSAL,
    /** The provider paused a long turn (Anthropic {@code pause_turn}); send the response back to continue. */
    PAUSE,
    /** A value this library does not know. */
    OTHER
}
