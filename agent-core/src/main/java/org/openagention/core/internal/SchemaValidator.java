// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * Validates JSON against the subset of JSON Schema (draft 2020-12) that tool and output schemas use.
 *
 * <p>Supported keywords, checked against the official JSON-Schema-Test-Suite (see
 * {@code JsonSchemaTestSuiteTest}, which lists the few cases it skips and why):
 * <ul>
 *   <li>any value: {@code type}, {@code enum}, {@code const}, boolean schemas ({@code true},
 *       {@code false});
 *   <li>objects: {@code properties}, {@code required}, {@code additionalProperties} (boolean or
 *       schema), {@code patternProperties}, {@code minProperties}, {@code maxProperties};
 *   <li>arrays: {@code items} (schema or boolean), {@code prefixItems}, {@code minItems},
 *       {@code maxItems}, {@code uniqueItems};
 *   <li>strings: {@code minLength}, {@code maxLength} (in code points), {@code pattern} (ECMA-262
 *       syntax run on {@code java.util.regex}; Unicode properties by long name are translated);
 *   <li>numbers: {@code minimum}, {@code maximum}, {@code exclusiveMinimum},
 *       {@code exclusiveMaximum}, {@code multipleOf} (all compared as exact decimals);
 *   <li>combinators: {@code allOf}, {@code anyOf}, {@code oneOf}, {@code not};
 *   <li>references: {@code $ref} to {@code #} or a local JSON pointer ({@code #/$defs/Item},
 *       escaped and URI-encoded tokens, array indexes), so {@code $defs} and {@code definitions}
 *       work as reference targets.
 * </ul>
 *
 * <p>Ignored, as the specification says of keywords a validator does not know: {@code $id},
 * {@code $anchor}, {@code $dynamicRef} / {@code $dynamicAnchor} and references to other documents
 * (such a {@code $ref} is reported as unresolvable), {@code unevaluatedProperties},
 * {@code unevaluatedItems}, {@code contains} / {@code minContains} / {@code maxContains},
 * {@code propertyNames}, {@code dependentRequired}, {@code dependentSchemas}, {@code if} /
 * {@code then} / {@code else}, {@code format} (an annotation in 2020-12), the {@code content*}
 * keywords, and the annotations ({@code title}, {@code description}, {@code default},
 * {@code examples}, {@code $comment}).
 *
 * <p>One deliberate leniency: a property that is neither required nor allowed to be null, sent as
 * {@code null}, reads as absent (models often send {@code null} for an optional argument).
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
        check(root, value, ValuePath.ROOT, errors, new Walk(0, new HashSet<>()));
        return errors;
    }

    private void check(JsonNode schema, JsonNode value, ValuePath path, List<String> errors, Walk walk) {
        if (schema == null || schema.isBoolean()) {
            if (schema != null && !schema.asBoolean()) {
                errors.add(path + ": no value is allowed here");
            }
            return;
        }
        if (walk.depth() > 64) {
            errors.add(path + ": schema nests too deeply");
            return;
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null) {
            JsonNode target = resolve(ref.asText());
            if (target == null) {
                errors.add(path + ": schema reference " + ref.asText() + " cannot be resolved");
            } else {
                RefVisit visit = new RefVisit(target, value);
                if (!walk.active().add(visit)) {
                    // Following it again would check the same value against the same schema forever
                    // (or 2^depth times, as {"allOf":[{"$ref":"#"},{"$ref":"#"}]} does).
                    errors.add(path + ": schema reference " + ref.asText() + " leads back to itself without reading"
                            + " any of the value");
                } else {
                    try {
                        check(target, value, path, errors, walk.deeper());
                    } finally {
                        walk.active().remove(visit);
                    }
                }
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
            checkObject(schema, value, path, errors, walk);
        } else if (value.isArray()) {
            checkArray(schema, value, path, errors, walk);
        } else if (value.isTextual()) {
            SchemaKeywords.checkString(schema, value.asText(), path, errors);
        } else if (value.isNumber()) {
            SchemaKeywords.checkNumber(schema, value, path, errors);
        }
        checkCombinators(schema, value, path, errors, walk);
    }

    private void checkObject(JsonNode schema, JsonNode value, ValuePath path, List<String> errors, Walk walk) {
        JsonNode properties = schema.get("properties");
        JsonNode required = schema.get("required");
        if (required != null) {
            for (JsonNode r : required) {
                if (!value.has(r.asText())) {
                    errors.add(path + ": missing required property '" + r.asText() + "'");
                }
            }
        }
        JsonNode patterns = schema.get("patternProperties");
        JsonNode additional = schema.get("additionalProperties");
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            ValuePath childPath = path.child(name);
            JsonNode propertySchema = properties == null ? null : properties.get(name);
            boolean matched = propertySchema != null;
            if (propertySchema != null && !(field.getValue().isNull() && !SchemaKeywords.allowsNull(propertySchema)
                    && !SchemaKeywords.isRequired(required, name))) {
                // (an optional property sent as null reads as absent, so it is not checked)
                check(propertySchema, field.getValue(), childPath, errors, walk.deeper());
            }
            if (patterns != null) {
                Iterator<Map.Entry<String, JsonNode>> each = patterns.fields();
                while (each.hasNext()) {
                    Map.Entry<String, JsonNode> pattern = each.next();
                    if (SchemaKeywords.find(pattern.getKey(), name)) {
                        matched = true;
                        check(pattern.getValue(), field.getValue(), childPath, errors, walk.deeper());
                    }
                }
            }
            if (matched || additional == null) {
                continue;
            }
            if (additional.isBoolean() && !additional.asBoolean()) {
                errors.add(path + ": unknown property '" + name + "'"
                        + (properties == null ? "" : " (expected: " + SchemaKeywords.names(properties) + ")"));
            } else {
                check(additional, field.getValue(), childPath, errors, walk.deeper());
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

    private void checkArray(JsonNode schema, JsonNode value, ValuePath path, List<String> errors, Walk walk) {
        JsonNode prefix = schema.get("prefixItems");
        int start = 0;
        if (prefix != null && prefix.isArray()) {
            for (int i = 0; i < prefix.size() && i < value.size(); i++) {
                check(prefix.get(i), value.get(i), path.index(i), errors, walk.deeper());
            }
            start = prefix.size();
        }
        JsonNode items = schema.get("items");
        if (items != null) {
            for (int i = start; i < value.size(); i++) {
                check(items, value.get(i), path.index(i), errors, walk.deeper());
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

    private void checkCombinators(JsonNode schema, JsonNode value, ValuePath path, List<String> errors, Walk walk) {
        JsonNode allOf = schema.get("allOf");
        if (allOf != null) {
            for (JsonNode s : allOf) {
                check(s, value, path, errors, walk.deeper());
            }
        }
        JsonNode anyOf = schema.get("anyOf");
        if (anyOf != null) {
            List<String> firstErrors = null;
            boolean any = false;
            for (JsonNode s : anyOf) {
                List<String> sub = new ArrayList<>();
                check(s, value, path, sub, walk.deeper());
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
                check(s, value, path, sub, walk.deeper());
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
            check(not, value, path, sub, walk.deeper());
            if (sub.isEmpty()) {
                errors.add(path + ": matches a form that is not allowed");
            }
        }
    }

    /** The schema a local reference names: {@code #}, or a JSON pointer after {@code #} (RFC 6901, URI-encoded). */
    private JsonNode resolve(String ref) {
        if (ref.equals("#")) {
            return root;
        }
        if (!ref.startsWith("#/")) {
            return null;
        }
        String pointer;
        try {
            pointer = URLDecoder.decode(ref.substring(2).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        JsonNode node = root;
        for (String part : pointer.split("/", -1)) {
            String token = part.replace("~1", "/").replace("~0", "~");
            node = node.isArray() ? arrayElement(node, token) : node.get(token);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static JsonNode arrayElement(JsonNode array, String token) {
        if (!token.matches("0|[1-9][0-9]{0,8}")) {
            return null;
        }
        return array.get(Integer.parseInt(token));
    }

    /** Where a check is: its depth, and the references being followed on the way there. */
    private record Walk(int depth, Set<RefVisit> active) {
        Walk deeper() {
            return new Walk(depth + 1, active);
        }
    }

    /** A reference being followed for one value, by identity: the same pair again is a loop. */
    private record RefVisit(JsonNode schema, JsonNode value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RefVisit v && v.schema == schema && v.value == value;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(schema) + System.identityHashCode(value);
        }
    }
}
