// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.tool;

import java.util.Objects;

/**
 * A request from the model to run one tool.
 *
 * @param id the provider's id for the call (used to pair the result with it)
 * @param name the tool's name
 * @param argumentsJson the arguments exactly as the model sent them, possibly malformed
 */
public record ToolCall(String id, String name, String argumentsJson) {
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(argumentsJson, "argumentsJson");
    }

    /** This call with other arguments (an interceptor that rewrites arguments uses it). */
    public ToolCall withArguments(String json) {
        return new ToolCall(id, name, json);
    }
}
