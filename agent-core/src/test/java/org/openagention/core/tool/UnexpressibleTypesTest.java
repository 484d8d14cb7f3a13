// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.openagention.core.ConfigurationException;
import org.openagention.core.OutputSpec;

/** Types the schema generator cannot express are refused when the tool or output spec is built. */
class UnexpressibleTypesTest {
    record IntKeys(Map<Integer, String> byLine) {}

    record RawMap(@SuppressWarnings("rawtypes") Map options) {}

    record RawList(@SuppressWarnings("rawtypes") List items) {}

    record AnyValue(Object value) {}

    record ListOfObjects(List<Object> values) {}

    interface Shape {}

    record Drawing(List<Shape> shapes) {}

    record When(Instant at) {}

    record Where(Path file) {}

    record Bytes(byte[] data) {}

    record OptionalInList(List<Optional<String>> names) {}

    record PrimitiveOptional(OptionalInt count) {}

    record Page<T>(List<T> items) {}

    record TwoPages(Page<String> names, Page<Object> values) {}

    record Node(String name, List<Node> children, Map<String, Node> byName) {}

    record Inner(Map<Long, Integer> counts) {}

    record Outer(String name, List<Inner> inners) {}

    record TwoProblems(Object first, Map<Integer, String> second) {}

    private static final ToolHandler<Object> NOTHING = (a, ctx) -> ToolResult.success("");

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void refusedAsTool(Class<?> type, String... fragments) {
        var thrown = assertThatThrownBy(() -> Tool.of("t", "d", (Class) type, (ToolHandler) NOTHING))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("tool 't': ");
        for (String f : fragments) {
            thrown.hasMessageContaining(f);
        }
    }

    @Test
    void mapWithNonStringKeysIsRefusedNamingRecordComponentAndType() {
        refusedAsTool(IntKeys.class, "component 'byLine' of record " + IntKeys.class.getName(),
                "has type Map<Integer, String>", "JSON object keys are always strings; use Map<String, String>");
    }

    @Test
    void rawMapAndRawListAreRefused() {
        refusedAsTool(RawMap.class, "component 'options'", "has type Map,",
                "use Map<String, V>, or Map<String, Object> for any JSON object");
        refusedAsTool(RawList.class, "component 'items'", "has type List,", "give the element type, such as List<String>");
    }

    @Test
    void objectIsRefusedOutsideMapValues() {
        refusedAsTool(AnyValue.class, "component 'value'", "has type Object", "Map<String, Object> for any JSON object");
        refusedAsTool(ListOfObjects.class, "component 'values'", "has type List<Object>");
    }

    @Test
    void interfaceWithoutKnownSubtypesIsRefused() {
        refusedAsTool(Drawing.class, "component 'shapes' of record " + Drawing.class.getName(),
                "has type List<Shape>", "Shape is an interface", "use a record");
    }

    @Test
    void jdkTypesWithoutAJsonFormAreRefused() {
        refusedAsTool(When.class, "component 'at'", "has type Instant", "use String (ISO-8601 text)");
        refusedAsTool(Where.class, "component 'file'", "java.nio.file.Path is not a type", "use String");
        refusedAsTool(Bytes.class, "component 'data'", "byte[] reads as one string");
        refusedAsTool(PrimitiveOptional.class, "component 'count'", "use Optional<Integer>");
    }

    @Test
    void optionalInsideACollectionIsRefused() {
        refusedAsTool(OptionalInList.class, "component 'names'", "has type List<Optional<String>>",
                "Optional is allowed only as a component's own type");
    }

    @Test
    void genericRecordWithoutTypeArgumentIsRefused() {
        refusedAsTool(Page.class, "component 'items' of record " + Page.class.getName(), "has type List<Object>");
    }

    @Test
    void genericRecordIsCheckedPerTypeArgument() {
        refusedAsTool(TwoPages.class, "component 'items' of record " + Page.class.getName(), "has type List<Object>");
    }

    @Test
    void recursiveRecordsAreAccepted() {
        Tool tool = Tool.of("tree", "d", Node.class, (a, ctx) -> ToolResult.success(a.children().get(0).name()));
        assertThat(ToolRegistry.of(tool).execute(new ToolCall("1", "tree",
                "{\"name\":\"a\",\"children\":[{\"name\":\"b\",\"children\":[],\"byName\":{}}],\"byName\":{}}"),
                ToolContext.standalone())).isEqualTo(ToolResult.success("b"));
    }

    @Test
    void problemInANestedRecordNamesThatRecord() {
        refusedAsTool(Outer.class, "cannot generate a JSON Schema for " + Outer.class.getName(),
                "component 'counts' of record " + Inner.class.getName(), "has type Map<Long, Integer>");
    }

    @Test
    void everyProblemIsListed() {
        refusedAsTool(TwoProblems.class, "component 'first'", "component 'second'");
    }

    @Test
    void outputSpecRefusesTheSameTypes() {
        assertThatThrownBy(() -> OutputSpec.of(IntKeys.class)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("component 'byLine' of record " + IntKeys.class.getName())
                .hasMessageContaining("Map<Integer, String>");
        assertThatThrownBy(() -> OutputSpec.of(Map.class)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("java.util.Map does not map to a JSON object schema");
    }
}
