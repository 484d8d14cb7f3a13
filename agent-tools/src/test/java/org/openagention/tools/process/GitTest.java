// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.tools.WorkspaceException;

class GitTest {
    @TempDir
    Path dir;

    private final Git git = Git.create();

    @Test
    void aFailingCommandIsReportedWithItsCommandDirectoryAndStderr() {
        assertThatThrownBy(() -> git.check(dir, "rev-parse", "--verify", "HEAD"))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageStartingWith("`git rev-parse --verify HEAD` failed in " + dir + " (exit 128): ")
                .hasMessageContaining("not a git repository");
    }

    @Test
    void runReturnsAFailureAsDataWithStdoutAndStderrApart() throws Exception {
        git.check(dir, "init", "-q", "-b", "main");
        Files.writeString(dir.resolve("a.txt"), "a\n");

        Git.Result r = git.run(dir, "commit", "-q", "-m", "nothing staged");

        assertThat(r.ok()).isFalse();
        assertThat(r.command()).containsExactly("git", "commit", "-q", "-m", "nothing staged");
        assertThat(r.out()).contains("a.txt");
        assertThat(git.run(dir, "rev-parse", "--verify", "--quiet", "HEAD").err()).isEmpty();
        assertThat(git.run(dir, "check-ref-format", "--branch", "..bad").err()).contains("not a valid branch name");
    }

    @Test
    void commitsWorkWithTheStandInIdentityAndListingsSplitIntoLines() throws Exception {
        git.check(dir, "init", "-q", "-b", "main");
        Files.writeString(dir.resolve("a.txt"), "a\n");
        Files.writeString(dir.resolve("b.txt"), "b\n");
        git.check(dir, "add", "-A");
        Git unconfigured = git.withEnv(Map.of("GIT_CONFIG_GLOBAL", "/dev/null", "GIT_CONFIG_NOSYSTEM", "1"));
        List<String> commit = new ArrayList<>(unconfigured.commitOptions(dir));
        commit.addAll(List.of("commit", "-q", "-m", "two files"));
        unconfigured.check(dir, commit);

        assertThat(Git.lines(git.check(dir, "ls-files"))).containsExactly("a.txt", "b.txt");
        assertThat(git.check(dir, "log", "--format=%an <%ae>")).isEqualTo("OpenAgention <openagention@localhost>");
    }

    @Test
    void gitThatCannotStartSaysSo() {
        assertThatThrownBy(() -> Git.executable("/no/such/git").run(dir, "status"))
                .isInstanceOf(WorkspaceException.class).hasMessageContaining("cannot run git ('/no/such/git')");
    }
}
