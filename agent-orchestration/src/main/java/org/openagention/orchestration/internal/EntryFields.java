// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openagention.core.journal.JournalException;

/**
 * The fields of one journal entry, read strictly: a field that is missing or of the wrong kind
 * fails with a {@link JournalException} naming the entry and the field (a renamed key must stop a
 * resume, not become a default). Fields the format lets out (a task spec's defaults) are read
 * with {@link #has} first.
 */
final class EntryFields {
    private final JsonNode node;
    private final String where;
    private final String path;

    private EntryFields(JsonNode node, String where, String path) {
        this.node = node;
        this.where = where;
        this.path = path;
    }

    /** Parses {@code json}; {@code where} names the entry in errors ("entry 7 (task.state) of run r1"). */
    static EntryFields parse(String json, String where) {
        JsonNode n;
        try {
            n = TaskCodec.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new JournalException(where + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new JournalException(where + " is not a JSON object");
        }
        return new EntryFields(n, where, "");
    }

    boolean has(String name) {
        JsonNode n = node.get(name);
        return n != null && !n.isNull();
    }

    String text(String name) {
        JsonNode n = require(name);
        if (!n.isTextual()) {
            throw wrong(name, n, "a string");
        }
        return n.asText();
    }

    long number(String name) {
        JsonNode n = require(name);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw wrong(name, n, "a whole number");
        }
        return n.asLong();
    }

    int integer(String name) {
        JsonNode n = require(name);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw wrong(name, n, "a whole number");
        }
        return n.asInt();
    }

    double decimal(String name) {
        JsonNode n = require(name);
        if (!n.isNumber()) {
            throw wrong(name, n, "a number");
        }
        return n.asDouble();
    }

    boolean bool(String name) {
        JsonNode n = require(name);
        if (!n.isBoolean()) {
            throw wrong(name, n, "true or false");
        }
        return n.asBoolean();
    }

    <E extends Enum<E>> E oneOf(String name, Class<E> type) {
        String value = text(name);
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new JournalException(where + ": field '" + path + name + "' is '" + value + "', not one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    List<String> texts(String name) {
        List<String> out = new ArrayList<>();
        int i = 0;
        for (JsonNode n : array(name)) {
            if (!n.isTextual()) {
                throw wrong(name + "[" + i + "]", n, "a string");
            }
            out.add(n.asText());
            i++;
        }
        return out;
    }

    /** The objects in the array {@code name}, each read as strictly as this one. */
    List<EntryFields> objects(String name) {
        List<EntryFields> out = new ArrayList<>();
        int i = 0;
        for (JsonNode n : array(name)) {
            out.add(object(n, name + "[" + i++ + "]"));
        }
        return out;
    }

    /** The object in field {@code name}. */
    EntryFields object(String name) {
        return object(require(name), name);
    }

    /** The raw value of field {@code name}, for a field that may take several shapes. */
    JsonNode raw(String name) {
        return require(name);
    }

    /** An error naming this entry and field {@code name}. */
    JournalException problem(String name, String what) {
        return new JournalException(where + ": field '" + path + name + "' " + what);
    }

    private EntryFields object(JsonNode n, String name) {
        if (!n.isObject()) {
            throw wrong(name, n, "an object");
        }
        return new EntryFields(n, where, path + name + ".");
    }

    private JsonNode array(String name) {
        JsonNode n = require(name);
        if (!n.isArray()) {
            throw wrong(name, n, "an array");
        }
        return n;
    }

    private JsonNode require(String name) {
        JsonNode n = node.get(name);
        if (n == null || n.isNull()) {
            throw new JournalException(where + ": field '" + path + name + "' is missing (fields there: "
                    + fieldNames() + ")");
        }
        return n;
    }

    private List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private JournalException wrong(String name, JsonNode value, String expected) {
        return new JournalException(where + ": field '" + path + name + "' is not " + expected + " (it is "
                + Texts.firstLine(value.toString()) + ")");
    }
}
