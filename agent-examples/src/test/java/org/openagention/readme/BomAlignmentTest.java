// SPDX-License-Identifier: Apache-2.0
package org.openagention.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The BOM a user imports aligns the third-party libraries our modules share on the versions our own
 * build tests: Jackson as a whole (through Jackson's BOM, so the MCP SDK's older Jackson modules are
 * lifted too), SLF4J and the MCP SDK.
 */
class BomAlignmentTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void bomPinsTheVersionsTheBuildTests() throws IOException {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        String bom = Files.readString(ROOT.resolve("agent-bom/pom.xml"));
        for (String property : new String[] {"jackson.version", "slf4j.version", "mcp-sdk.version"}) {
            assertThat(property(bom, property)).as(property).isEqualTo(property(parent, property));
        }
    }

    @Test
    void bomImportsJacksonsBomAndManagesEveryPublishedModule() throws IOException {
        String bom = Files.readString(ROOT.resolve("agent-bom/pom.xml"));
        assertThat(bom).contains("<artifactId>jackson-bom</artifactId>").contains("<scope>import</scope>");
        for (String module : new String[] {"agent-core", "agent-tools", "agent-orchestration", "agent-mcp",
                "agent-otel", "agent-temporal", "agent-spring-boot-starter"}) {
            assertThat(bom).contains("<artifactId>" + module + "</artifactId>");
        }
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(pom);
        assertThat(m.find()).as("%s is declared", name).isTrue();
        return m.group(1).trim();
    }
}
