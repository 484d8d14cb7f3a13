// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openagention.core.internal.Json;

/** Test fixtures: our own under src/test/resources/providers, recorded ones under ../shared. */
final class Fixtures {
    private Fixtures() {}

    static String resource(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/providers/" + path)) {
            assertThat(in).as("fixture %s", path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String path) {
        return Json.parseTrusted(resource(path));
    }

    /**
     * The recorded provider exchanges in the shared folder beside the repository (the repository
     * root is the parent of the module's working directory); skips the test when they are absent.
     */
    static Path recorded(String dir) {
        Path root = Path.of("").toAbsolutePath().getParent();
        Path recorded = root.resolve("../shared/testdata/providers").normalize().resolve(dir);
        Assumptions.assumeTrue(Files.isDirectory(recorded),
                "recorded exchanges not found at " + recorded + " (../shared beside the repository); skipped");
        return recorded;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
