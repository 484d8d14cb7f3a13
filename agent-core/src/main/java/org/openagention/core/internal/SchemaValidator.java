package org.openagention.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validates JSON against the subset of JSON Schema that tool and output schemas use: type,
 * properties, required, additionalProperties, items, prefixItems, enum, const, numeric and string
 * and array bounds, pattern, allOf / anyOf / oneOf / not, and local {@code $ref}s. Keywords it
 * does not know are ignored, as the specification says.
 *
 * <p>Every problem is reported, each with a path such as {@code $.files[2].path}, so a model sees
 * all of its mistakes at once. Immutable and thread-safe.
 */
public final class SchemaValidator {
    private final JsonNode root;

    public SchemaValidator(JsonNode schema) {
        this.root = schema;
    }

    public static SchemaValidator of(String schemaJson) {
        return new SchemaValidator(Json.parseTrusted(schemaJson));
    }

    /** Every violation of the schema by {@code value}; empty when it is valid. */
    public List<String> validate(JsonNode value) {
        List<String> errors = new ArrayList<>();
        check(root, value, Path.ROOT, errors, 0);
        return errors;
    }

    private void check(JsonNode schema, JsonNode value, Path path, List<String> errors, int depth) {
        if (schema == null || schema.isBoolean()) {
            if (schema != null && !schema.asBoolean()) {
                errors.add(path + ": no value is allowed here");
            }
            return;
        }
        if (depth > 64) {
            errors.add(path + ": schema nests too deeply");
            return;
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null) {
            JsonNode target = resolve(ref.asText());
            if (target == null) {
                errors.add(path + ": schema reference " + ref.asText() + " cannot be resolved");
            } else {
                check(target, value, path, errors, depth + 1);
            }
        }
        JsonNode type = schema.get("type");
        if (type != null && !typeMatches(type, value)) {
            errors.add(path + ": expected " + describeType(type) + " but got " + describe(value));
            return;
        }
        JsonNode enumValues = schema.get("enum");
        if (enumValues != null && !contains(enumValues, value)) {
            errors.add(path + ": " + describe(value) + " is not one of " + enumValues);
        }
        JsonNode constValue = schema.get("const");
        if (constValue != null && !equalJson(constValue, value)) {
            errors.add(path + ": must be " + constValue);
        }
        if (value.isObject()) {
            checkObject(schema, value, path, errors, depth);
        } else if (value.isArray()) {
            checkArray(schema, value, path, errors, depth);
        } else if (value.isTextual()) {
            checkString(schema, value.asText(), path, errors);
        } else if (value.isNumber()) {
            checkNumber(schema, value, path, errors);
        }
        checkCombinators(schema, value, path, errors, depth);
    }

    private void checkObject(JsonNode schema, JsonNode value, Path path, List<String> errors, int depth) {
        JsonNode properties = schema.get("properties");
        JsonNode required = schema.get("required");
        if (required != null) {
            for (JsonNode r : required) {
                if (!value.has(r.asText())) {
                    errors.add(path + ": missing required property '" + r.asText() + "'");
                }
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Path childPath = path.child(field.getKey());
            JsonNode propertySchema = properties == null ? null : properties.get(field.getKey());
            if (propertySchema != null) {
                if (field.getValue().isNull() && !allowsNull(propertySchema) && !isRequired(required, field.getKey())) {
                    continue; // an optional property sent as null reads as absent
                }
                check(propertySchema, field.getValue(), childPath, errors, depth + 1);
            } else if (additional != null) {
                if (additional.isBoolean() && !additional.asBoolean()) {
                    errors.add(path + ": unknown property '" + field.getKey() + "'"
                            + (properties == null ? "" : " (expected: " + names(properties) + ")"));
                } else if (additional.isObject()) {
                    check(additional, field.getValue(), childPath, errors, depth + 1);
                }
            }
        }
        int size = value.size();
        if (schema.has("minProperties") && size < schema.get("minProperties").asInt()) {
            errors.add(path + ": needs at least " + schema.get("minProperties").asInt() + " properties");
        }
        if (schema.has("maxProperties") && size > schema.get("maxProperties").asInt()) {
            errors.add(path + ": allows at most " + schema.get("maxProperties").asInt() + " properties");
        }
    }

    private static boolean isRequired(JsonNode required, String name) {
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

    private static boolean allowsNull(JsonNode schema) {
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

    private void checkArray(JsonNode schema, JsonNode value, Path path, List<String> errors, int depth) {
        JsonNode prefix = schema.get("prefixItems");
        int start = 0;
        if (prefix != null && prefix.isArray()) {
            for (int i = 0; i < prefix.size() && i < value.size(); i++) {
                check(prefix.get(i), value.get(i), path.index(i), errors, depth + 1);
            }
            start = prefix.size();
        }
        JsonNode items = schema.get("items");
        if (items != null && items.isObject()) {
            for (int i = start; i < value.size(); i++) {
                check(items, value.get(i), path.index(i), errors, depth + 1);
            }
        }
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
            errors.add(path + ": needs at least " + schema.get("minItems").asInt() + " items but has " + value.size());
        }
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            errors.add(path + ": allows at most " + schema.get("maxItems").asInt() + " items but has " + value.size());
        }
        if (schema.path("uniqueItems").asBoolean(false)) {
            for (int i = 0; i < value.size(); i++) {
                for (int j = i + 1; j < value.size(); j++) {
                    if (equalJson(value.get(i), value.get(j))) {
                        errors.add(path + ": items " + i + " and " + j + " are equal but must be unique");
                    }
                }
            }
        }
    }

    private static void checkString(JsonNode schema, String s, Path path, List<String> errors) {
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

    private static void checkNumber(JsonNode schema, JsonNode value, Path path, List<String> errors) {
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

    private void checkCombinators(JsonNode schema, JsonNode value, Path path, List<String> errors, int depth) {
        JsonNode allOf = schema.get("allOf");
        if (allOf != null) {
            for (JsonNode s : allOf) {
                check(s, value, path, errors, depth + 1);
            }
        }
        JsonNode anyOf = schema.get("anyOf");
        if (anyOf != null) {
            List<String> firstErrors = null;
            boolean any = false;
            for (JsonNode s : anyOf) {
                List<String> sub = new ArrayList<>();
                check(s, value, path, sub, depth + 1);
                if (sub.isEmpty()) {
                    any = true;
                    break;
                }
                if (firstErrors == null) {
                    firstErrors = sub;
                }
            }
            if (!any) {
                errors.add(path + ": matches none of the allowed forms"
                        + (firstErrors == null ? "" : " (first: " + String.join("; ", firstErrors) + ")"));
            }
        }
        JsonNode oneOf = schema.get("oneOf");
        if (oneOf != null) {
            int matches = 0;
            for (JsonNode s : oneOf) {
                List<String> sub = new ArrayList<>();
                check(s, value, path, sub, depth + 1);
                if (sub.isEmpty()) {
                    matches++;
                }
            }
            if (matches != 1) {
                errors.add(path + ": must match exactly one allowed form but matches " + matches);
            }
        }
        JsonNode not = schema.get("not");
        if (not != null) {
            List<String> sub = new ArrayList<>();
            check(not, value, path, sub, depth + 1);
            if (sub.isEmpty()) {
                errors.add(path + ": matches a form that is not allowed");
            }
        }
    }

    private JsonNode resolve(String ref) {
        if (ref.equals("#")) {
            return root;
        }
        if (!ref.startsWith("#/")) {
            return null;
        }
        JsonNode node = root;
        for (String part : ref.substring(2).split("/")) {
            node = node.get(part.replace("~1", "/").replace("~0", "~"));
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
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

    private static boolean typeMatches(String type, JsonNode value) {
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

    private static String describeType(JsonNode type) {
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

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode v : array) {
            if (equalJson(v, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equalJson(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static String names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    /**
     * Where a value sits, such as {@code $.files[2].path}: text only when an error names it, so a
     * valid value is checked without building a string per property.
     */
    private static final class Path {
        static final Path ROOT = new Path(null, "$", -1);
        private final Path parent;
        private final String key;
        private final int index;

        private Path(Path parent, String key, int index) {
            this.parent = parent;
            this.key = key;
            this.index = index;
        }

        Path child(String name) {
            return new Path(this, name, -1);
        }

        Path index(int i) {
            return new Path(this, null, i);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            append(sb);
            return sb.toString();
        }

        private void append(StringBuilder sb) {
            if (parent == null) {
                sb.append(key);
                return;
            }
            parent.append(sb);
            if (key != null) {
                sb.append('.').append(key);
            } else {
                sb.append('[').append(index).append(']');
            }
        }
    }
}
