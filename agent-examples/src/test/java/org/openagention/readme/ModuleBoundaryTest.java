// SPDX-License-Identifier: Apache-2.0
package org.openagention.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module boundary: each library module has a descriptor that exports its API packages and no
 * {@code internal} one, no module's code (main or test, benchmarks and the CLI included) imports
 * another module's internals, and the descriptors resolve together on a real module path.
 */
class ModuleBoundaryTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> LIBRARIES = List.of("agent-core", "agent-tools", "agent-orchestration", "agent-mcp", "agent-otel");
    private static final Pattern TEST_TOOLING = Pattern.compile("^(jazzer|junit|assertj|opentest4j|apiguardian|byte-buddy)");
    /** agent-temporal is no named module: Temporal's SDK and gRPC jars split packages as automatic modules. */
    private static final Pattern TEMPORAL = Pattern.compile("(^|[/\\\\])(agent-temporal|temporal-|grpc-)");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.openagention\\.([a-z]+)\\.(?:[a-z.]+\\.)?internal\\.",
            Pattern.MULTILINE);

    @Test
    void everyLibraryModuleExportsItsApiAndNoInternalPackage() throws IOException {
        for (String module : LIBRARIES) {
            Path descriptor = ROOT.resolve(module).resolve("src/main/java/module-info.java");
            assertThat(descriptor).as(module + " has a module descriptor").exists();
            String text = Files.readString(descriptor);
            assertThat(text).as(module).containsPattern("module org\\.openagention\\.[a-z]+ \\{");
            Matcher exports = Pattern.compile("exports ([\\w.]+)\\s*;").matcher(text);
            List<String> exported = new ArrayList<>();
            while (exports.find()) {
                exported.add(exports.group(1));
            }
            assertThat(exported).as(module + " exports").isNotEmpty().noneMatch(p -> p.contains(".internal"));
        }
    }

    @Test
    void noModuleImportsAnotherModulesInternals() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains(File.separator + "src" + File.separator))::iterator) {
                String module = ROOT.relativize(file).getName(0).toString(); // agent-core, agent-bench, ...
                String owner = module.replaceFirst("^agent-", "");
                Matcher m = IMPORT.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    if (!m.group(1).equals(owner)) {
                        violations.add(ROOT.relativize(file) + ": " + m.group().trim());
                    }
                }
            }
        }
        assertThat(violations).as("imports of another module's internal packages").isEmpty();
    }

    @Test
    void theModulesResolveTogetherOnTheModulePath() throws Exception {
        // The test class path minus the test tooling (JUnit, AssertJ, Jazzer), whose jars split packages
        // and would be resolved as automatic modules alongside ours.
        String modulePath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !TEST_TOOLING.matcher(Path.of(entry).getFileName().toString()).find())
                .filter(entry -> !TEMPORAL.matcher(entry).find())
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(java.util.stream.Collectors.joining(File.pathSeparator));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "--module-path", modulePath, "--add-modules",
                "org.openagention.core,org.openagention.tools,org.openagention.orchestration,org.openagention.mcp",
                "--show-module-resolution", "-version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        for (String module : List.of("org.openagention.core", "org.openagention.tools", "org.openagention.orchestration",
                "org.openagention.mcp")) {
            assertThat(out).contains("root " + module);
        }
    }
}
