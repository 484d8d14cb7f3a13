// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Real git repositories for tests: initialized with an identity passed through the environment. */
final class TestRepos {
    private TestRepos() {}

    /** A repository at {@code dir} on branch main with the given files committed. */
    static Path init(Path dir, Map<String, String> files) throws IOException {
        Files.createDirectories(dir);
        git(dir, "init", "-q", "-b", "main");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        git(dir, "add", "-A");
        git(dir, "commit", "-q", "-m", "initial");
        return dir;
    }

    /** Runs git in {@code dir}, returning its output; fails the test on a non-zero exit. */
    static String git(Path dir, String... args) {
        Run r = run(dir, args);
        if (r.exit != 0) {
            throw new AssertionError("git " + String.join(" ", args) + " failed: " + r.out);
        }
        return r.out.strip();
    }

    record Run(int exit, String out) {}

    static Run run(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(Map.of("GIT_AUTHOR_NAME", "Test", "GIT_AUTHOR_EMAIL", "test@example.com",
                "GIT_COMMITTER_NAME", "Test", "GIT_COMMITTER_EMAIL", "test@example.com", "LC_ALL", "C"));
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Run(p.waitFor(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run git", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
