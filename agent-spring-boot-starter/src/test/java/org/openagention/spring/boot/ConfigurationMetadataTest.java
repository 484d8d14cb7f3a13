// SPDX-License-Identifier: Apache-2.0
package org.openagention.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IDEs complete the openagention.* properties: the metadata the build writes names each with a description. */
class ConfigurationMetadataTest {
    @Test
    void everyPropertyIsDescribed() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("META-INF/spring-configuration-metadata.json").isNotNull();
            metadata = new ObjectMapper().readTree(in);
        }
        List<String> names = new ArrayList<>();
        for (JsonNode property : metadata.get("properties")) {
            names.add(property.get("name").asText());
            assertThat(property.path("description").asText()).as(property.get("name").asText()).isNotBlank();
        }
        assertThat(names).contains("openagention.model.provider", "openagention.model.api-key",
                "openagention.model.api-key-env", "openagention.model.base-url", "openagention.model.request-timeout",
                "openagention.model.retry.max-attempts", "openagention.model.circuit-breaker.failure-threshold",
                "openagention.agent.instructions", "openagention.agent.tools", "openagention.run.max-turns",
                "openagention.journal.directory", "openagention.mcp.servers", "openagention.tracing.capture-content");
        assertThat(metadata.get("hints").toString()).contains("openagention.model.name");
    }
}
