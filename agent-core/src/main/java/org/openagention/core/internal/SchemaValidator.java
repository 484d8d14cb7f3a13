package org.openagention.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

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
        check(root, value, ValuePath.ROOT, errors, 0);
        return errors;
    }

    private void check(JsonNode schema, JsonNode value, ValuePath path, List<String> errors, int depth) {
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
        if (type != null && !SchemaKeywords.typeMatches(type, value)) {
            errors.add(path + ": expected " + SchemaKeywords.describeType(type) + " but got " + SchemaKeywords.describe(value));
            return;
        }
        JsonNode enumValues = schema.get("enum");
        if (enumValues != null && !SchemaKeywords.contains(enumValues, value)) {
            errors.add(path + ": " + SchemaKeywords.describe(value) + " is not one of " + enumValues);
        }
        JsonNode constValue = schema.get("const");
        if (constValue != null && !SchemaKeywords.equalJson(constValue, value)) {
            errors.add(path + ": must be " + constValue);
        }
        if (value.isObject()) {
            checkObject(schema, value, path, errors, depth);
        } else if (value.isArray()) {
            checkArray(schema, value, path, errors, depth);
        } else if (value.isTextual()) {
            SchemaKeywords.checkString(schema, value.asText(), path, errors);
        } else if (value.isNumber()) {
            SchemaKeywords.checkNumber(schema, value, path, errors);
        }
        checkCombinators(schema, value, path, errors, depth);
    }

    private void checkObject(JsonNode schema, JsonNode value, ValuePath path, List<String> errors, int depth) {
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
            ValuePath childPath = path.child(field.getKey());
            JsonNode propertySchema = properties == null ? null : properties.get(field.getKey());
            if (propertySchema != null) {
                if (field.getValue().isNull() && !SchemaKeywords.allowsNull(propertySchema) && !SchemaKeywords.isRequired(required, field.getKey())) {
                    continue; // an optional property sent as null reads as absent
                }
                check(propertySchema, field.getValue(), childPath, errors, depth + 1);
            } else if (additional != null) {
                if (additional.isBoolean() && !additional.asBoolean()) {
                    errors.add(path + ": unknown property '" + field.getKey() + "'"
                            + (properties == null ? "" : " (expected: " + SchemaKeywords.names(properties) + ")"));
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

    private void checkArray(JsonNode schema, JsonNode value, ValuePath path, List<String> errors, int depth) {
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
                    if (SchemaKeywords.equalJson(value.get(i), value.get(j))) {
                        errors.add(path + ": items " + i + " and " + j + " are equal but must be unique");
                    }
                }
            }
        }
    }

    private void checkCombinators(JsonNode schema, JsonNode value, ValuePath path, List<String> errors, int depth) {
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
}
