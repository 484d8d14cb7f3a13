// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.openagention.core.internal.Json;
import org.openagention.core.internal.SchemaValidator;
import org.openagention.core.model.OutputSchema;

/**
 * A run whose answer must be a validated {@code T}: parse, check the schema, bind, run the custom
 * validators, and on failure send the model every error and ask again, up to the attempt limit.
 */
final class StructuredRun {
    private StructuredRun() {}

    static <T> TypedResult<T> run(AgentLoop loop, OutputSpec<T> spec) {
        loop.outputSchema(new OutputSchema(spec.schemaName(), spec.schemaJson()));
        SchemaValidator schema = SchemaValidator.of(spec.schemaJson());
        List<StructuredOutputException.Attempt> attempts = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            RunResult result = loop.run();
            if (!result.isSuccess()) {
                throw new StructuredOutputException("the run ended (" + result.stopReason() + ": " + result.detail()
                        + ") before a valid " + spec.type().getSimpleName() + " was produced", attempts, result);
            }
            String answer = result.finalText();
            List<String> errors = new ArrayList<>();
            T value = parse(answer, spec, schema, errors);
            if (errors.isEmpty()) {
                return new TypedResult<>(value, result, attempt);
            }
            attempts.add(new StructuredOutputException.Attempt(attempt, answer, errors));
            if (attempt >= spec.maxAttempts()) {
                throw new StructuredOutputException("no valid " + spec.type().getSimpleName() + " after " + attempt
                        + " attempts; last errors: " + String.join("; ", errors), attempts, result);
            }
            loop.continueWith("Your answer is not valid:\n- " + String.join("\n- ", errors)
                    + "\nReply again with only a JSON object that fixes every error above.");
        }
    }

    private static <T> T parse(String answer, OutputSpec<T> spec, SchemaValidator schema, List<String> errors) {
        String json = extractJson(answer);
        if (json == null) {
            errors.add(answer.isBlank() ? "the answer was empty; a JSON object is required"
                    : "the answer contains no JSON object");
            return null;
        }
        JsonNode node;
        try {
            node = Json.parse(json);
        } catch (JsonProcessingException e) {
            errors.add("the answer is not valid JSON: " + e.getOriginalMessage().replace('\n', ' '));
            return null;
        }
        errors.addAll(schema.validate(node));
        if (!errors.isEmpty()) {
            return null;
        }
        T value;
        try {
            value = Json.MAPPER.treeToValue(node, spec.type());
        } catch (JsonProcessingException e) {
            errors.add("the JSON does not fit " + spec.type().getSimpleName() + ": " + e.getOriginalMessage());
            return null;
        }
        for (OutputValidator<? super T> validator : spec.validators()) {
            List<String> found = validator.validate(value);
            if (found != null) {
                errors.addAll(found);
            }
        }
        return value;
    }

    /** The JSON object in an answer: the whole text, a fenced block, or the outermost braces. */
    static String extractJson(String answer) {
        String s = answer.strip();
        int fence = s.indexOf("```");
        if (fence >= 0) {
            int start = s.indexOf('\n', fence);
            int end = start < 0 ? -1 : s.indexOf("```", start);
            if (end > start) {
                s = s.substring(start + 1, end).strip();
            }
        }
        int open = s.indexOf('{');
        int close = s.lastIndexOf('}');
        if (open < 0) {
            return null;
        }
        // Without a closing brace, hand the parser the rest so it can say where the JSON breaks off.
        return close < open ? s.substring(open) : s.substring(open, close + 1);
    }
}
