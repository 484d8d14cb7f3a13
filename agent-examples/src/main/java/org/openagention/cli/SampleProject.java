// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo's bundled sample project ("shop": a cart whose total ignores quantities, and coupons not
 * written yet), copied out of the jar into a fresh git repository. Its tests need only a JDK:
 * {@code java tests/RunTests.java}.
 */
final class SampleProject {
    private static final String BASE = "sample/";

    private SampleProject() {}

    /** Copies the project into {@code dir} (created), then makes it a git repository on branch main with one commit. */
    static Path create(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String file : files()) {
                Path target = dir.resolve(file);
                Files.createDirectories(target.getParent());
                try (InputStream in = resource(BASE + file)) {
                    Files.copy(in, target);
                }
            }
        } catch (IOException e) {
            throw new CliException("cannot copy the sample project to " + dir + ": " + e.getMessage(), 1);
        }
        Git.check(dir, "init", "-q");
        Git.check(dir, "symbolic-ref", "HEAD", "refs/heads/main");
        Git.check(dir, "config", "user.name", "OpenAgention demo");
        Git.check(dir, "config", "user.email", "demo@openagention.invalid");
        Git.check(dir, "config", "commit.gpgsign", "false");
        Git.check(dir, "add", "-A");
        Git.check(dir, "commit", "-q", "--no-verify", "-m", "shop: a cart with a bug and coupons still to write");
        return dir;
    }

    static List<String> files() throws IOException {
        try (InputStream in = resource(BASE + "FILES")) {
            List<String> files = new ArrayList<>();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.equals("FILES")).forEach(files::add);
            return files;
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = SampleProject.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("the resource " + name + " is missing from the build");
        }
        return in;
    }

    /** How a run of the project's tests went. */
    record TestRun(int exitCode, String output) {
        boolean passed() {
            return exitCode == 0;
        }

        /** The runner's last line, such as "7 passed, 0 failed". */
        String summary() {
            List<String> lines = output.strip().lines().toList();
            return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
        }
    }

    /** Runs {@code java tests/RunTests.java} in {@code dir} with the JDK this process runs on. */
    static TestRun runTests(Path dir) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "tests/RunTests.java").directory(dir.toFile())
                .redirectErrorStream(true);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new TestRun(-1, out + "\n(timed out)");
            }
            return new TestRun(p.exitValue(), out);
        } catch (IOException e) {
            return new TestRun(-1, "cannot run the tests: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TestRun(-1, "interrupted");
        }
    }
}
