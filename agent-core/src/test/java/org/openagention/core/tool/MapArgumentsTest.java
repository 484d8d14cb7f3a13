// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.openagention.core.internal.Json;

class MapArgumentsTest {
    record Tally(Map<String, Integer> counts) {}

    record Owner(String name, int age) {}

    record Teams(Map<String, Map<String, List<Owner>>> teams) {}

    record Settings(String name, Map<String, Object> options, Optional<Map<String, Owner>> owners) {}

    private static ToolResult call(Tool tool, String args) {
        return ToolRegistry.of(tool).execute(new ToolCall("id1", tool.name(), args), ToolContext.standalone());
    }

    private static final Tool TALLY = Tool.readOnly("tally", "Sums counts", Tally.class,
            (a, ctx) -> ToolResult.success(new TreeMap<>(a.counts()) + " sum="
                    + a.counts().values().stream().mapToInt(Integer::intValue).sum()));

    @Test
    void mapOfIntegersReceivesEveryEntry() {
        assertThat(call(TALLY, "{\"counts\":{\"a\":1,\"b\":2}}")).isEqualTo(ToolResult.success("{a=1, b=2} sum=3"));
        assertThat(call(TALLY, "{\"counts\":{}}")).isEqualTo(ToolResult.success("{} sum=0"));
    }

    @Test
    void mapSchemaDescribesItsValues() {
        JsonNode counts = Json.parseTrusted(TALLY.spec().inputSchemaJson()).get("properties").get("counts");
        assertThat(Json.write(counts)).isEqualTo("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"}}");
    }

    @Test
    void wrongValueTypeNamesTheEntry() {
        ToolResult r = call(TALLY, "{\"counts\":{\"a\":\"one\",\"b\":2,\"c d\":true}}");
        assertThat(((ToolResult.Error) r).kind()).isEqualTo(ToolResult.ErrorKind.INVALID_ARGUMENTS);
        assertThat(r.text()).contains("$.counts.a: expected integer but got string \"one\"")
                .contains("$.counts['c d']: expected integer but got boolean true")
                .doesNotContain("$.counts.b");
    }

    @Test
    void nestedMapsOfRecordsBindAndReportDeepPaths() {
        Tool tool = Tool.of("teams", "Lists owners", Teams.class,
                (a, ctx) -> ToolResult.success(a.teams().get("core").get("leads").get(1).name()));
        assertThat(call(tool, "{\"teams\":{\"core\":{\"leads\":[{\"name\":\"ann\",\"age\":40},{\"name\":\"bo\",\"age\":31}]}}}"))
                .isEqualTo(ToolResult.success("bo"));
        ToolResult bad = call(tool, "{\"teams\":{\"core\":{\"leads\":[{\"name\":\"ann\",\"agee\":40}]}}}");
        assertThat(bad.text()).contains("$.teams.core.leads[0]: missing required property 'age'")
                .contains("$.teams.core.leads[0]: unknown property 'agee'");
    }

    @Test
    void mapOfObjectAcceptsAnyJsonObjectAsPlainJavaValues() {
        Tool tool = Tool.of("configure", "Stores settings", Settings.class, (a, ctx) -> {
            Map<String, Object> o = a.options();
            Map<?, ?> nested = (Map<?, ?>) o.get("nested");
            return ToolResult.success(o.get("n") + " " + o.get("ratio") + " " + o.get("on") + " " + o.get("list")
                    + " " + nested.get("k") + " " + o.containsKey("none") + " " + a.owners().isPresent());
        });
        assertThat(call(tool, "{\"name\":\"x\",\"options\":{\"n\":3,\"ratio\":0.5,\"on\":true,\"list\":[1,\"two\"],"
                + "\"nested\":{\"k\":\"v\"},\"none\":null}}"))
                .isEqualTo(ToolResult.success("3 0.5 true [1, two] v true false"));
        assertThat(call(tool, "{\"name\":\"x\",\"options\":[1]}").text())
                .contains("$.options: expected object but got array");
        JsonNode options = Json.parseTrusted(tool.spec().inputSchemaJson()).get("properties").get("options");
        assertThat(Json.write(options)).isEqualTo("{\"type\":\"object\"}");
    }

    @Test
    void optionalMapOfRecordsIsNullableAndChecked() {
        Tool tool = Tool.of("owners", "Owners", Settings.class,
                (a, ctx) -> ToolResult.success(a.owners().map(m -> m.get("x").name()).orElse("none")));
        assertThat(call(tool, "{\"name\":\"x\",\"options\":{},\"owners\":{\"x\":{\"name\":\"ann\",\"age\":3}}}"))
                .isEqualTo(ToolResult.success("ann"));
        assertThat(call(tool, "{\"name\":\"x\",\"options\":{},\"owners\":null}")).isEqualTo(ToolResult.success("none"));
        assertThat(call(tool, "{\"name\":\"x\",\"options\":{},\"owners\":{\"x\":{\"name\":\"ann\"}}}").text())
                .contains("$.owners.x: missing required property 'age'");
    }
}
