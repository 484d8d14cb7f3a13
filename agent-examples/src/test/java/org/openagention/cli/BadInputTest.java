// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends with one clear line on stderr and a non-zero exit, never a stack trace: run as a child process. */
class BadInputTest {
    @TempDir
    Path dir;

    private static void assertOneLineError(Cli.Outcome o, String expected) {
        assertThat(o.exitCode()).as("exit code; stderr: %s", o.err()).isEqualTo(2);
        assertThat(o.err().strip().lines()).as("stderr").hasSize(1);
        assertThat(o.err()).startsWith("openagention: ").contains(expected).doesNotContain("Exception", "\tat ");
    }

    @Test
    void unknownOptionIsOneLineAndExitsTwo() throws Exception {
        assertOneLineError(Cli.child(dir, Map.of(), "run", "fix it", "--repo", ".", "--bogus"), "Unknown option: '--bogus'");
    }

    @Test
    void missingRepoIsNamed() throws Exception {
        assertOneLineError(Cli.child(dir, Map.of(), "run", "fix it"), "missing required option --repo");
    }

    @Test
    void repoThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertOneLineError(Cli.child(dir, Map.of(), "run", "fix it", "--repo", file.toString()), "not a directory");
    }

    @Test
    void repoThatDoesNotExistIsRefused() throws Exception {
        assertOneLineError(Cli.child(dir, Map.of(), "run", "fix it", "--repo", dir.resolve("missing").toString()),
                "no such directory");
    }

    @Test
    void runWithoutAModelSaysHowToConfigureOne() throws Exception {
        Cli.Outcome o = Cli.child(dir, Map.of(), "run", "fix it", "--repo", dir.toString());
        assertOneLineError(o, "no model is configured");
        assertThat(o.err()).contains("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "--offline");
    }

    @Test
    void planOnADirectoryThatIsNotAGitRepositorySaysWhatToDo() throws Exception {
        assertThat(Git.run(dir, "rev-parse", "--git-dir").ok()).as("a temporary directory in a git repository").isFalse();
        assertOneLineError(Cli.child(dir, Map.of(), "run", "fix it", "--repo", dir.toString(), "--plan"),
                "is not one; run 'git init' and commit, or leave --plan out");
    }

    @Test
    void planOnARepositoryWithLocalChangesIsRefusedBeforeAnythingRuns() throws Exception {
        Path repo = SampleProject.create(dir.resolve("shop"));
        Files.writeString(repo.resolve("NOTES.txt"), "mine\n");
        Cli.Outcome o = Cli.child(dir, Map.of(), "run", "fix it", "--repo", repo.toString(), "--plan");
        assertOneLineError(o, "git will not merge over local changes: commit or stash them first (1 change: ?? NOTES.txt)");
        assertThat(Git.check(repo, "branch", "--list", "openagention*")).isEmpty();
    }

    @Test
    void planningThatCannotReachTheModelEndsWithOneLineAndExitOne() throws Exception {
        Path repo = SampleProject.create(dir.resolve("shop"));
        Cli.Outcome o = Cli.child(dir, Map.of("OPENAI_BASE_URL", "http://127.0.0.1:9/v1"), "run", "fix it", "--repo",
                repo.toString(), "--plan", "--progress", "plain");
        assertThat(o.exitCode()).as(o.err()).isEqualTo(1);
        assertThat(o.err().lines().filter(l -> l.startsWith("openagention: "))).singleElement().asString()
                .contains("planning failed, nothing was run", "could not reach openai");
        assertThat(o.err()).doesNotContain("Exception:", "\tat ");
        assertThat(Git.check(repo, "branch", "--list", "openagention*")).isEmpty();
    }

    @Test
    void unreadableJournalOnResumeIsRefused() throws Exception {
        Path runs = Files.createDirectories(dir.resolve(".openagention/runs"));
        Files.writeString(runs.resolve("run-broken.jsonl"), "this is not json\n{\"seq\":2}\n", StandardCharsets.UTF_8);
        Cli.Outcome o = Cli.child(dir, Map.of("OPENAI_BASE_URL", "http://127.0.0.1:9"), "run", "--resume", "run-broken",
                "--repo", dir.toString());
        // The journal store warns once where the damage starts (nothing is lost: the next append moves it aside).
        assertThat(o.exitCode()).as("exit code; stderr: %s", o.err()).isEqualTo(2);
        assertThat(o.err().strip().lines()).as("stderr").hasSize(2);
        assertThat(o.err().strip().lines().findFirst().orElseThrow()).startsWith("WARN").contains("byte offset 0");
        assertThat(o.err().strip().lines().skip(1).findFirst().orElseThrow()).startsWith("openagention: ")
                .contains("the journal of run 'run-broken' cannot be read").doesNotContain("Exception", "\tat ");
    }

    @Test
    void resumeOfAnUnknownRunListsNone() throws Exception {
        Files.createDirectories(dir.resolve(".openagention/runs"));
        Cli.Outcome o = Cli.child(dir, Map.of("OPENAI_BASE_URL", "http://127.0.0.1:9"), "run", "--resume", "run-nope",
                "--repo", dir.toString());
        assertOneLineError(o, "no run 'run-nope'");
    }
}
