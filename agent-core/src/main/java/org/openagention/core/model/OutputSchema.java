// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

import java.util.Objects;

/**
 * A request for the model's answer to be JSON matching a schema (structured output).
 * Providers that support it natively (OpenAI's {@code response_format}) use it; others are told
 * in the prompt. Either way the loop validates the answer.
 *
 * @param name a short identifier such as {@code review_report}
 * @param schemaJson the JSON Schema, as JSON text
 */
public record OutputSchema(String name, String schemaJson) {
    public OutputSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schemaJson, "schemaJson");
    }
}
