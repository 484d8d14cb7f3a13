// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The leaf checks and descriptions {@link SchemaValidator} uses: types, strings, numbers, equality. */
final class SchemaKeywords {
    private SchemaKeywords() {}

    static boolean isRequired(JsonNode required, String name) {
        if (required == null) {
            return false;
        }
        for (JsonNode r : required) {
            if (r.asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    static boolean allowsNull(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return true;
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if ("null".equals(t.asText())) {
                    return true;
                }
            }
            return false;
        }
        return "null".equals(type.asText());
    }

    static void checkString(JsonNode schema, String s, ValuePath path, List<String> errors) {
        int length = s.codePointCount(0, s.length());
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            errors.add(path + ": must be at least " + schema.get("minLength").asInt() + " characters");
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            errors.add(path + ": must be at most " + schema.get("maxLength").asInt() + " characters");
        }
        if (schema.has("pattern") && !find(schema.get("pattern").asText(), s)) {
            errors.add(path + ": does not match the pattern " + schema.get("pattern").asText());
        }
    }

    /**
     * Whether {@code regex} matches somewhere in {@code s} (patterns are not anchored). A pattern
     * Java cannot compile is the schema's problem, not the value's: it matches everything.
     */
    static boolean find(String regex, String s) {
        Pattern pattern = Patterns.compile(regex);
        return pattern == null || pattern.matcher(s).find();
    }

    /** Numeric bounds, compared as decimals so that large and fractional values compare exactly. */
    static void checkNumber(JsonNode schema, JsonNode value, ValuePath path, List<String> errors) {
        JsonNode v = value;
        if (below(v, schema, "minimum", 0)) {
            errors.add(path + ": " + value + " is below the minimum " + schema.get("minimum"));
        }
        if (above(v, schema, "maximum", 0)) {
            errors.add(path + ": " + value + " is above the maximum " + schema.get("maximum"));
        }
        if (below(v, schema, "exclusiveMinimum", 1)) {
            errors.add(path + ": " + value + " must be greater than " + schema.get("exclusiveMinimum"));
        }
        if (above(v, schema, "exclusiveMaximum", 1)) {
            errors.add(path + ": " + value + " must be less than " + schema.get("exclusiveMaximum"));
        }
        JsonNode multipleOf = schema.get("multipleOf");
        if (multipleOf != null && multipleOf.isNumber() && !nonFinite(multipleOf) && multipleOf.decimalValue().signum() > 0
                && (nonFinite(value) || value.decimalValue().remainder(multipleOf.decimalValue()).signum() != 0)) {
            errors.add(path + ": " + value + " is not a multiple of " + multipleOf);
        }
    }

    /** Whether {@code v} is below the numeric bound {@code keyword}, or equal to it when {@code exclusive} is 1. */
    private static boolean below(JsonNode v, JsonNode schema, String keyword, int exclusive) {
        JsonNode bound = schema.get(keyword);
        return bound != null && bound.isNumber() && compare(v, bound) < exclusive;
    }

    private static boolean above(JsonNode v, JsonNode schema, String keyword, int exclusive) {
        JsonNode bound = schema.get(keyword);
        return bound != null && bound.isNumber() && compare(v, bound) > -exclusive;
    }

    /** Compares two numbers exactly as decimals; one too large for a decimal (1e400 reads as infinity) as doubles. */
    private static int compare(JsonNode a, JsonNode b) {
        if (nonFinite(a) || nonFinite(b)) {
            return Double.compare(a.asDouble(), b.asDouble());
        }
        return a.decimalValue().compareTo(b.decimalValue());
    }

    static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t.asText(), value)) {
                    return true;
                }
            }
            return false;
        }
        return typeMatches(type.asText(), value);
    }

    static boolean typeMatches(String type, JsonNode value) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber()
                    || value.isNumber() && !nonFinite(value) && value.decimalValue().stripTrailingZeros().scale() <= 0;
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> true;
        };
    }

    static String describeType(JsonNode type) {
        if (type.isArray()) {
            List<String> names = new ArrayList<>();
            type.forEach(t -> names.add(t.asText()));
            return String.join(" or ", names);
        }
        return type.asText();
    }

    static String describe(JsonNode value) {
        String kind;
        if (value.isObject()) {
            kind = "object";
        } else if (value.isArray()) {
            kind = "array";
        } else if (value.isTextual()) {
            String s = value.asText();
            return "string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        } else if (value.isIntegralNumber()) {
            kind = "integer " + value;
        } else if (value.isNumber()) {
            kind = "number " + value;
        } else if (value.isBoolean()) {
            kind = "boolean " + value;
        } else if (value.isNull()) {
            kind = "null";
        } else {
            kind = value.getNodeType().toString().toLowerCase();
        }
        return kind;
    }

    static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode v : array) {
            if (equalJson(v, value)) {
                return true;
            }
        }
        return false;
    }

    /** JSON equality: numbers by value at any depth ({@code 1 == 1.0}), objects regardless of key order. */
    static boolean equalJson(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            if (nonFinite(a) || nonFinite(b)) {
                return a.asDouble() == b.asDouble(); // 1e400 reads as Infinity, which has no decimal value
            }
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equalJson(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = a.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode other = b.get(field.getKey());
                if (other == null || !equalJson(field.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static boolean nonFinite(JsonNode n) {
        return (n.isDouble() || n.isFloat()) && !Double.isFinite(n.asDouble());
    }

    static String names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }
}
