// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.tool.Description;

class SchemaIndexTest {
    enum Shape { ROUND, SQUARE }

    record Label(String text, Shape shape) {}

    record Point(int x, @Description("Where it is") Optional<String> place, List<Label> labels) {}

    record NotExpressible(Instant at) {}

    @TempDir
    Path dir;

    @Test
    void checkNamesEveryClassTheSchemaIsMadeFrom() {
        assertThat(ExpressibleTypes.check(Point.class)).containsExactlyInAnyOrder(Point.class, Label.class, Shape.class);
    }

    @Test
    void mainWritesTheGeneratedSchemaOfEachExpressibleRecord() throws Exception {
        Path classes = copyClassFiles(Point.class, NotExpressible.class);

        SchemaIndex.main(new String[] {classes.toString()});

        Path entry = classes.resolve(SchemaIndex.DIRECTORY + Point.class.getName() + ".json");
        List<String> lines = Files.readAllLines(entry);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo(SchemaIndex.fingerprint(getClass().getClassLoader(), ExpressibleTypes.check(Point.class)));
        assertThat(lines.get(1)).isEqualTo(Schemas.generate(Point.class)).contains("Where it is");
        assertThat(classes.resolve(SchemaIndex.DIRECTORY + NotExpressible.class.getName() + ".json"))
                .as("a record whose schema cannot be generated is left out").doesNotExist();
        try (URLClassLoader loader = loaderOver(classes)) {
            assertThat(SchemaIndex.lookup(loader, Point.class, ExpressibleTypes.check(Point.class)))
                    .isEqualTo(Schemas.of(Point.class));
        }
    }

    @Test
    void anEntryIsUsedOnlyForTheClassFilesItWasMadeFrom() throws Exception {
        Set<Class<?>> classes = ExpressibleTypes.check(Point.class);
        Path entry = dir.resolve(SchemaIndex.DIRECTORY + Point.class.getName() + ".json");
        Files.createDirectories(entry.getParent());
        try (URLClassLoader loader = loaderOver(dir)) {
            Files.writeString(entry, SchemaIndex.fingerprint(loader, classes) + "\n{\"from\":\"the index\"}\n");
            assertThat(SchemaIndex.lookup(loader, Point.class, classes)).isEqualTo("{\"from\":\"the index\"}");

            Files.writeString(entry, "crc32c:0:3\n{\"from\":\"the index\"}\n");
            assertThat(SchemaIndex.lookup(loader, Point.class, classes)).as("made from other class files").isNull();

            Files.writeString(entry, "no fingerprint line");
            assertThat(SchemaIndex.lookup(loader, Point.class, classes)).isNull();
        }
        assertThat(SchemaIndex.lookup(Label.class, ExpressibleTypes.check(Label.class))).as("no entry").isNull();
    }

    private static URLClassLoader loaderOver(Path dir) throws IOException {
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, SchemaIndexTest.class.getClassLoader());
    }

    /** Copies the class files of {@code types} (from the test classes) into a classes directory of their own. */
    private Path copyClassFiles(Class<?>... types) throws IOException {
        Path classes = dir.resolve("classes");
        for (Class<?> type : types) {
            String resource = type.getName().replace('.', '/') + ".class";
            Path target = classes.resolve(resource);
            Files.createDirectories(target.getParent());
            try (var in = getClass().getClassLoader().getResourceAsStream(resource)) {
                Files.write(target, in.readAllBytes());
            }
        }
        return classes;
    }
}
