// SPDX-License-Identifier: Apache-2.0
package org.openagention.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installable CLI as a user gets it: the distribution archive {@code mvn package} built
 * (target/openagention-VERSION.tar.gz and .zip), unpacked with tar and unzip into a temporary
 * directory, its launcher run from there with that directory as the working directory and HOME, an
 * environment holding no model configuration and no repository around (git's search for one stops
 * at the temporary root). Runs in the integration-test phase (failsafe), after the archives exist.
 */
class DistributionIT {
    private static final String VERSION = System.getProperty("openagention.version");
    private static final Path ARCHIVE = Path.of(System.getProperty("openagention.dist", "target/openagention"));

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void unpackedTarballPrintsItsVersionAndRunsTheDemo() throws Exception {
        Path home = unpack("tar", "xzf", ARCHIVE + ".tar.gz");
        assertThat(home.resolve("LICENSE")).content().contains("Apache License", "Version 2.0, January 2004");
        assertThat(home.resolve("NOTICE")).content().contains("JSON-Schema-Test-Suite", "picocli");
        assertThat(home.resolve("README.md")).content().contains("openagention " + VERSION, "export PATH=");

        Outcome version = run(home, "--version");
        assertThat(version.exitCode()).as(version.toString()).isZero();
        assertThat(version.out().lines().findFirst().orElse(""))
                .isEqualTo("openagention " + VERSION + " (commit " + expectedCommit() + ")");
        assertThat(version.out()).contains("Java " + System.getProperty("java.version"));
        assertThat(version.err()).as("nothing on standard error, no class-data-sharing warning").isEmpty();
        Path archive = awaitArchive(home.resolve("lib"));
        Outcome mapped = run(home, "mcp-server", "--help"); // --help and --version alone do not map it
        assertThat(mapped.exitCode()).as(mapped.toString()).isZero();
        assertThat(mapped.out()).contains("Usage: openagention mcp-server");
        assertThat(mapped.err()).as("a start from the archive prints no class-data-sharing message").isEmpty();
        assertThat(archives(home.resolve("lib"))).as("one archive, reused").containsExactly(archive);

        Outcome demo = run(home, "demo", "--progress", "plain");
        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        assertThat(demo.out()).contains("RECORDED SESSION (replay)",
                "Before: java tests/RunTests.java -> 2 passed, 5 failed", "7 passed, 0 failed", "Demo finished");
        assertThat(demo.out().lines().filter(l -> l.contains(" passed, ")).reduce((a, b) -> b).orElse(""))
                .as("the demo's last test summary").contains("7 passed, 0 failed");
    }

    @Test
    void unpackedZipRunsFromALinkOnThePath() throws Exception {
        Path home = unpack("unzip", "-q", ARCHIVE + ".zip");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("openagention"), home.resolve("bin/openagention"));

        Outcome version = run(bin.resolve("openagention"), Map.of("OPENAGENTION_CDS", "0"), "--version");
        assertThat(version.exitCode()).as(version.toString()).isZero();
        assertThat(version.out()).startsWith("openagention " + VERSION + " (commit ");
        assertThat(archives(home.resolve("lib"))).as("OPENAGENTION_CDS=0: no archive, none being made").isEmpty();
        assertThat(home.resolve("lib")).isDirectoryNotContaining("glob:**.lock");
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void archiveIsRemadeForANewJarAndABrokenOneIsIgnored() throws Exception {
        Path home = unpack("tar", "xzf", ARCHIVE + ".tar.gz");
        Path lib = home.resolve("lib");
        assertThat(run(home, "--version").exitCode()).isZero();
        Path first = awaitArchive(lib);
        // With its archive made, --version (which does not map it) does not make it again.
        assertThat(run(home, "--version").exitCode()).isZero();
        assertThat(hasLock(lib)).as("a training run started for an archive that exists: %s", list(lib)).isFalse();

        // An archive the JVM cannot map (here: not an archive at all) under the right name: a normal start, silently.
        Files.delete(first); // the JVM writes it read-only
        Files.writeString(first, "not a class-data-sharing archive");
        Outcome broken = run(home, "mcp-server", "--help");
        assertThat(broken.exitCode()).as(broken.toString()).isZero();
        assertThat(broken.out()).contains("Usage: openagention mcp-server");
        assertThat(broken.err()).isEmpty();

        // A new jar (another time stamp) is a new key: a new archive is made, the old one removed.
        Files.setLastModifiedTime(lib.resolve("openagention.jar"), FileTime.from(Instant.now().plusSeconds(5)));
        Outcome renewed = run(home, "--version");
        assertThat(renewed.exitCode()).as(renewed.toString()).isZero();
        assertThat(renewed.err()).isEmpty();
        Path second = awaitArchive(lib, first);
        assertThat(second).isNotEqualTo(first);
        assertThat(archives(lib)).containsExactly(second);
        Outcome mapped = run(home, "mcp-server", "--help");
        assertThat(mapped.exitCode()).as(mapped.toString()).isZero();
        assertThat(mapped.out()).contains("--repo");
        assertThat(mapped.err()).isEmpty();
    }

    /** The archive made by the launcher's background training for this JVM, waited for (a few seconds on an idle machine). */
    private static Path awaitArchive(Path dir, Path... not) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (System.nanoTime() < deadline) {
            List<Path> found = archives(dir).stream().filter(p -> !List.of(not).contains(p)).toList();
            if (!found.isEmpty() && !hasLock(dir)) {
                assertThat(found).hasSize(1);
                assertThat(found.get(0)).isNotEmptyFile();
                return found.get(0);
            }
            assertThat(list(dir)).as("no training run failed").noneMatch(p -> p.getFileName().toString().endsWith(".failed"));
            Thread.sleep(200);
        }
        throw new AssertionError("no class-data-sharing archive in " + dir + " after 4 minutes: " + list(dir));
    }

    /** The archives for this JVM's feature version in {@code dir}: .aot on 24 and newer, .jsa before. */
    private static List<Path> archives(Path dir) throws IOException {
        int feature = Runtime.version().feature();
        String suffix = feature >= 24 ? ".aot" : ".jsa";
        return list(dir).stream().filter(p -> p.getFileName().toString().startsWith("openagention-java" + feature + "-")
                && p.getFileName().toString().endsWith(suffix)).toList();
    }

    private static boolean hasLock(Path dir) throws IOException {
        return list(dir).stream().anyMatch(p -> p.getFileName().toString().endsWith(".lock"));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void commandsButWorkerRunOnTheQuickJitUnlessToldOtherwise() throws Exception {
        Path home = unpack("tar", "xzf", ARCHIVE + ".tar.gz");
        Path launcher = home.resolve("bin/openagention");
        String flags = "-XX:+PrintFlagsFinal -Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp"));
        Map<String, String> env = Map.of("OPENAGENTION_CDS", "0", "OPENAGENTION_JAVA_OPTS", flags);

        assertThat(tieredStop(run(launcher, env, "mcp-server", "--help"))).isEqualTo(1);
        assertThat(tieredStop(run(launcher, env, "--version"))).isEqualTo(1);
        assertThat(tieredStop(run(launcher, env, "worker", "--help"))).as("a Temporal worker keeps the full JIT").isEqualTo(4);
        Map<String, String> full = new HashMap<>(env);
        full.put("OPENAGENTION_JIT", "full");
        assertThat(tieredStop(run(launcher, full, "mcp-server", "--help"))).isEqualTo(4);
        full.put("OPENAGENTION_JIT", "quick");
        assertThat(tieredStop(run(launcher, full, "worker", "--help"))).isEqualTo(1);
        // The user's own options come after the launcher's, so they win.
        full.put("OPENAGENTION_JIT", "");
        full.put("OPENAGENTION_JAVA_OPTS", flags + " -XX:TieredStopAtLevel=4");
        assertThat(tieredStop(run(launcher, full, "mcp-server", "--help"))).isEqualTo(4);

        full.put("OPENAGENTION_JIT", "fast");
        Outcome wrong = run(launcher, full, "--version");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err()).contains("OPENAGENTION_JIT is 'fast'; use full or quick");
    }

    /** The JVM's TieredStopAtLevel, from -XX:+PrintFlagsFinal's table on standard output. */
    private static int tieredStop(Outcome o) {
        assertThat(o.exitCode()).as(o.toString()).isZero();
        Matcher m = Pattern.compile("\\bTieredStopAtLevel\\s+=\\s+(\\d+)").matcher(o.out());
        assertThat(m.find()).as("no TieredStopAtLevel in the flags printed").isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void launcherWithoutItsJarSaysSoAndExitsTwo() throws Exception {
        Path home = unpack("tar", "xzf", ARCHIVE + ".tar.gz");
        Files.delete(home.resolve("lib/openagention.jar"));

        Outcome o = run(home, "--version");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("lib/openagention.jar is missing");
    }

    /** Unpacks an archive into the temporary directory and returns the directory it holds. */
    private Path unpack(String... command) throws Exception {
        Path into = Files.createDirectories(dir.resolve("unpacked"));
        Outcome o = exec(into, Map.of(), List.of(command));
        assertThat(o.exitCode()).as("%s: %s", List.of(command), o).isZero();
        Path home = into.resolve("openagention-" + VERSION);
        assertThat(home.resolve("bin/openagention")).isExecutable();
        assertThat(home.resolve("lib/openagention.jar")).isNotEmptyFile();
        return home;
    }

    private Outcome run(Path home, String... args) throws Exception {
        return run(home.resolve("bin/openagention"), Map.of(), args);
    }

    private Outcome run(Path launcher, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        return exec(dir, env, command);
    }

    /**
     * Runs a command in {@code workDir} with a user's environment: PATH (this JVM's java first, git),
     * JAVA_HOME of this JVM, HOME and the JVM's temporary directory inside the test's directory.
     */
    private Outcome exec(Path workDir, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        String javaHome = System.getProperty("java.home");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> e = pb.environment();
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        e.clear();
        e.put("PATH", javaHome + "/bin:" + path);
        e.put("JAVA_HOME", javaHome);
        e.put("HOME", home.toString());
        e.put("LANG", "C.UTF-8");
        e.put("OPENAGENTION_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp);
        e.put("GIT_CEILING_DIRECTORIES", dir.getParent().toString()); // no repository above the test's directory
        e.putAll(env);
        Process p = pb.start();
        if (!p.waitFor(4, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not end within 4 minutes");
        }
        return new Outcome(p.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    /** What the build wrote into the CLI: git's short name of this checkout's HEAD, or unknown. */
    private static String expectedCommit() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true);
        pb.environment().remove("GIT_CEILING_DIRECTORIES");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.waitFor() == 0 && out.matches("[0-9a-f]{4,40}") ? out : "unknown";
    }

    record Outcome(int exitCode, String out, String err) {}
}
