package org.openagention.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

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
        if (schema.has("pattern")) {
            String regex = schema.get("pattern").asText();
            try {
                if (!Pattern.compile(regex).matcher(s).find()) {
                    errors.add(path + ": does not match the pattern " + regex);
                }
            } catch (PatternSyntaxException e) {
                // An unusable pattern in the schema is the schema's problem, not the value's.
            }
        }
    }

    static void checkNumber(JsonNode schema, JsonNode value, ValuePath path, List<String> errors) {
        double v = value.asDouble();
        if (schema.has("minimum") && v < schema.get("minimum").asDouble()) {
            errors.add(path + ": " + value + " is below the minimum " + schema.get("minimum"));
        }
        if (schema.has("maximum") && v > schema.get("maximum").asDouble()) {
            errors.add(path + ": " + value + " is above the maximum " + schema.get("maximum"));
        }
        if (schema.has("exclusiveMinimum") && schema.get("exclusiveMinimum").isNumber()
                && v <= schema.get("exclusiveMinimum").asDouble()) {
            errors.add(path + ": " + value + " must be greater than " + schema.get("exclusiveMinimum"));
        }
        if (schema.has("exclusiveMaximum") && schema.get("exclusiveMaximum").isNumber()
                && v >= schema.get("exclusiveMaximum").asDouble()) {
            errors.add(path + ": " + value + " must be less than " + schema.get("exclusiveMaximum"));
        }
        if (schema.has("multipleOf")) {
            double m = schema.get("multipleOf").asDouble();
            if (m > 0 && Math.abs(v / m - Math.rint(v / m)) > 1e-9) {
                errors.add(path + ": " + value + " is not a multiple of " + schema.get("multipleOf"));
            }
        }
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
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
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

    static boolean equalJson(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            if (nonFinite(a) || nonFinite(b)) {
                return a.asDouble() == b.asDouble(); // 1e400 reads as Infinity, which has no decimal value
            }
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
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
