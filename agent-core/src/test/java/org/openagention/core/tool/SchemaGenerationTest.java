// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openagention.core.ConfigurationException;
import org.openagention.core.internal.Json;
import org.openagention.core.internal.Schemas;

class SchemaGenerationTest {
    enum Severity { LOW, HIGH }

    @Description("A place in a file")
    record Location(String path, int line) {}

    record Finding(@Description("How bad it is") Severity severity, Location where, List<String> tags,
            Optional<String> suggestedFix) {}

    @Test
    void recordSchemaCoversNestedEnumsListsOptionalsAndDescriptions() {
        JsonNode s = Json.parseTrusted(Schemas.of(Finding.class));
        assertThat(s.get("type").asText()).isEqualTo("object");
        assertThat(s.get("additionalProperties").asBoolean()).isFalse();
        assertThat(s.get("required")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("severity", "where", "tags");
        JsonNode props = s.get("properties");
        assertThat(props.get("severity").get("enum")).extracting(JsonNode::asText).containsExactly("LOW", "HIGH");
        assertThat(props.get("severity").get("description").asText()).isEqualTo("How bad it is");
        assertThat(props.get("where").get("type").asText()).isEqualTo("object");
        assertThat(props.get("where").get("properties").get("line").get("type").asText()).isEqualTo("integer");
        assertThat(props.get("where").get("description").asText()).isEqualTo("A place in a file");
        assertThat(props.get("tags").get("type").asText()).isEqualTo("array");
        assertThat(props.get("tags").get("items").get("type").asText()).isEqualTo("string");
        assertThat(props.get("suggestedFix").get("type")).extracting(JsonNode::asText).containsExactly("string", "null");
    }

    @Test
    void nonObjectTypeIsRefused() {
        assertThatThrownBy(() -> Schemas.of(String.class)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("java.lang.String does not map to a JSON object schema");
    }
}
