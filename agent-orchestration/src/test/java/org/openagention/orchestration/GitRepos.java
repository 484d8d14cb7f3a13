// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Real git repositories for the orchestration tests, made with the git command line; the identity
 * comes from environment variables, so the tests need no git configuration.
 */
final class GitRepos {
    static final Map<String, String> IDENTITY = Map.of("GIT_AUTHOR_NAME", "Test", "GIT_AUTHOR_EMAIL",
            "test@example.com", "GIT_COMMITTER_NAME", "Test", "GIT_COMMITTER_EMAIL", "test@example.com");

    private GitRepos() {}

    /** A repository at {@code dir} on branch main with {@code files} committed. */
    static Path init(Path dir, Map<String, String> files) {
        try {
            Files.createDirectories(dir);
            git(dir, "init", "-q", "-b", "main");
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
        } catch (IOException e) {
            throw new AssertionError("cannot create the repository " + dir, e);
        }
        git(dir, "add", "-A");
        git(dir, "commit", "-q", "-m", "initial");
        return dir;
    }

    /** Runs git in {@code dir} and returns its trimmed output; fails the test when git fails. */
    static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(IDENTITY);
        pb.environment().put("LC_ALL", "C");
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new AssertionError("git " + String.join(" ", args) + " failed in " + dir + ": " + out);
            }
            return out.strip();
        } catch (IOException e) {
            throw new AssertionError("cannot run git", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A file as the branch {@code branch} holds it. */
    static String show(Path repo, String branch, String path) {
        return git(repo, "show", branch + ":" + path);
    }

    /** The names of the branches starting with {@code prefix}, sorted. */
    static List<String> branches(Path repo, String prefix) {
        List<String> out = new ArrayList<>();
        for (String b : git(repo, "for-each-ref", "--format=%(refname:short)", "refs/heads/").split("\n")) {
            if (b.startsWith(prefix)) {
                out.add(b);
            }
        }
        return out;
    }

    /** The registered worktrees other than the main one. */
    static List<String> extraWorktrees(Path repo) {
        List<String> out = new ArrayList<>();
        for (String line : git(repo, "worktree", "list", "--porcelain").split("\n")) {
            if (line.startsWith("branch refs/heads/openagention/")) {
                out.add(line.substring("branch refs/heads/openagention/".length()));
            }
        }
        return out;
    }

    /** A JSON string literal of {@code text}. */
    static String json(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
