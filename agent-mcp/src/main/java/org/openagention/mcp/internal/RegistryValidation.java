// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;

/**
 * The MCP SDK's schema validator for our servers, which leaves validation to the
 * {@link org.openagention.core.tool.ToolRegistry}: every {@code tools/call} goes through
 * {@code ToolRegistry.execute}, which checks the arguments against the tool's schema and answers a
 * mismatch with an error result naming the tool and the problem. Our served tools declare no output
 * schema, so there is no structured output to check either.
 *
 * <p>Giving the SDK this validator (and turning its own input check off) spares each server start
 * the SDK's default validator: a service lookup and a JSON Schema library that checks every input
 * schema against the meta-schema, a large share of the time to the first answer.
 */
public final class RegistryValidation implements JsonSchemaValidator {
    public static final RegistryValidation INSTANCE = new RegistryValidation();

    private RegistryValidation() {}

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        return ValidationResponse.asValid(null);
    }
}
