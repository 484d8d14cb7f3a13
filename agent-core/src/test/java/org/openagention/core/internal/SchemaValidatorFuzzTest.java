// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link SchemaValidator} with an arbitrary schema and instance: tool schemas come from MCP
 * servers and instances from models, neither of which we control. The input is the schema's JSON,
 * a NUL byte, then the instance's JSON. The contract: {@link SchemaValidator#of} accepts any JSON
 * and refuses anything else with an {@link IllegalStateException} (which {@code ToolRegistry}
 * reports); {@link SchemaValidator#validate} always returns, in bounded time, a list of problems
 * that each name the path of the offending value.
 *
 * <p>Seeds: {@code src/test/resources/org/openagention/core/internal/SchemaValidatorFuzzTestInputs/}.
 */
class SchemaValidatorFuzzTest {

    @FuzzTest
    @Timeout(20)
    void validatesAnyInstanceAgainstAnySchema(byte[] input) {
        int nul = indexOf(input, (byte) 0);
        String schemaJson = new String(input, 0, nul < 0 ? input.length : nul, StandardCharsets.UTF_8);
        String instanceJson = nul < 0 ? "null" : new String(input, nul + 1, input.length - nul - 1, StandardCharsets.UTF_8);

        SchemaValidator validator;
        try {
            validator = SchemaValidator.of(schemaJson);
        } catch (IllegalStateException e) {
            assertThat(e.getMessage()).startsWith("not valid JSON");
            return;
        }
        JsonNode instance;
        try {
            instance = Json.parse(instanceJson);
        } catch (JsonProcessingException e) {
            return; // the tool registry answers arguments that are not JSON before validating
        }
        List<String> problems = validator.validate(instance);
        assertThat(problems).allSatisfy(p -> assertThat(p).startsWith("$").contains(": "));
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
