// SPDX-License-Identifier: Apache-2.0
package org.openagention.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every source file names its license in an SPDX line: {@code // SPDX-License-Identifier: Apache-2.0}
 * as the first line of each Java source under a module's {@code src/main/java} and {@code src/test/java},
 * {@code # SPDX-License-Identifier: Apache-2.0} after the shebang of each shell script.
 * {@code scripts/add-spdx-headers.sh} adds them.
 *
 * <p>Until that script has run once on the repository (no Java source has the line yet), the header
 * check is skipped with that reason; from then on a source without the line fails the build.
 */
class LicenseHeadersTest {
    static final String JAVA_LINE = "// SPDX-License-Identifier: Apache-2.0";
    static final String SHELL_LINE = "# SPDX-License-Identifier: Apache-2.0";
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCRIPT = ROOT.resolve("scripts/add-spdx-headers.sh");

    @TempDir
    Path dir;

    @Test
    void everyJavaSourceStartsWithTheSpdxLineOnceTheScriptHasRun() throws IOException {
        List<Path> sources = javaSources(ROOT);
        assertThat(sources).hasSizeGreaterThan(100);
        List<Path> missing = new ArrayList<>();
        for (Path source : sources) {
            if (!firstLine(source).equals(JAVA_LINE)) {
                missing.add(ROOT.relativize(source));
            }
        }
        assumeThat(missing.size()).as("no Java source has the SPDX line yet: run scripts/add-spdx-headers.sh")
                .isLessThan(sources.size());
        assertThat(missing).as("Java sources without '%s' as their first line (scripts/add-spdx-headers.sh adds it)",
                JAVA_LINE).isEmpty();
    }

    @Test
    void everyShellScriptNamesItsLicenseAfterItsShebangOnceTheScriptHasRun() throws IOException {
        assumeThat(javaSources(ROOT).stream().anyMatch(s -> firstLine(s).equals(JAVA_LINE)))
                .as("scripts/add-spdx-headers.sh has not run yet").isTrue();
        List<Path> scripts = new ArrayList<>(List.of(ROOT.resolve("openagention"),
                ROOT.resolve("agent-examples/src/dist/bin/openagention")));
        for (Path folder : List.of(ROOT.resolve(".ci"), ROOT.resolve("scripts"))) {
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(f -> firstLine(f).startsWith("#!")).sorted().forEach(scripts::add);
            }
        }
        assertThat(scripts).contains(SCRIPT, ROOT.resolve(".ci/run"));
        for (Path script : scripts) {
            List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8);
            assertThat(lines.get(0)).as(script.toString()).startsWith("#!");
            assertThat(lines.get(1)).as(script.toString()).isEqualTo(SHELL_LINE);
        }
    }

    @Test
    void scriptAddsTheLinesOnceAndKeepsModes() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Path plain = write(repo.resolve("mod/src/main/java/a/A.java"), "package a;\n\nclass A {}\n");
        Path done = write(repo.resolve("mod/src/test/java/a/BTest.java"), JAVA_LINE + "\npackage a;\n");
        Path sample = write(repo.resolve("mod/src/main/resources/sample/src/C.java"), "class C {}\n");
        Path untracked = repo.resolve("mod/src/main/java/a/Untracked.java");
        Path tool = write(repo.resolve("tool"), "#!/usr/bin/env bash\necho hi\n");
        Path sh = write(repo.resolve("bin/run.sh"), "#!/bin/sh\n" + SHELL_LINE + "\nexit 0\n");
        Path text = write(repo.resolve("notes.txt"), "#!not a script\n");
        Files.setPosixFilePermissions(tool, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
        run(repo, "git", "init", "-q");
        run(repo, "git", "add", ".");
        write(untracked, "class Untracked {}\n");

        assertThat(run(repo, "bash", SCRIPT.toString(), repo.toString())).contains("spdx: 2 file(s) changed");
        assertThat(Files.readString(plain)).isEqualTo(JAVA_LINE + "\npackage a;\n\nclass A {}\n");
        assertThat(Files.readString(done)).isEqualTo(JAVA_LINE + "\npackage a;\n");
        assertThat(Files.readString(sample)).isEqualTo("class C {}\n");
        assertThat(Files.readString(untracked)).isEqualTo("class Untracked {}\n");
        assertThat(Files.readString(tool)).isEqualTo("#!/usr/bin/env bash\n" + SHELL_LINE + "\necho hi\n");
        assertThat(Files.readString(sh)).isEqualTo("#!/bin/sh\n" + SHELL_LINE + "\nexit 0\n");
        assertThat(Files.readString(text)).isEqualTo("#!not a script\n");
        assertThat(tool).isExecutable();

        assertThat(run(repo, "bash", SCRIPT.toString(), repo.toString())).contains("spdx: 0 file(s) changed");
        assertThat(Files.readString(plain)).isEqualTo(JAVA_LINE + "\npackage a;\n\nclass A {}\n");
    }

    /** The Java sources of every module: MODULE/src/SET/java/**.java. */
    static List<Path> javaSources(Path root) throws IOException {
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path sourceSet : modules.map(m -> m.resolve("src")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> sets = Files.list(sourceSet)) {
                    for (Path java : sets.map(s -> s.resolve("java")).filter(Files::isDirectory).toList()) {
                        try (Stream<Path> files = Files.walk(java)) {
                            files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(sources::add);
                        }
                    }
                }
            }
        }
        return sources;
    }

    private static String firstLine(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.findFirst().orElse("");
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static String run(Path workDir, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(Map.of("GIT_CONFIG_NOSYSTEM", "1", "GIT_AUTHOR_NAME", "t", "GIT_AUTHOR_EMAIL", "t@t",
                "GIT_COMMITTER_NAME", "t", "GIT_COMMITTER_EMAIL", "t@t"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", List.of(command), out).isZero();
        return out;
    }
}
