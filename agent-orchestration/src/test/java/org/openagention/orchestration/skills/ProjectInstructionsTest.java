// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.skills;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectInstructionsTest {
    @TempDir
    Path tmp;

    private static void git(Path dir, String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = dir.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void readsNearestFirstAndStopsAtTheRepositoryRoot() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("outer/repo"));
        git(repo, "init", "-q");
        Path module = Files.createDirectories(repo.resolve("services/api"));
        Files.writeString(tmp.resolve("outer/AGENTS.md"), "OUTSIDE THE REPO");
        Files.writeString(repo.resolve("AGENTS.md"), "repo rules");
        Files.writeString(repo.resolve("CLAUDE.md"), "claude rules");
        Files.writeString(module.resolve("AGENTS.md"), "module rules");

        String text = ProjectInstructions.read(module);

        assertThat(ProjectInstructions.files(module)).containsExactly(module.toRealPath().resolve("AGENTS.md"),
                repo.toRealPath().resolve("AGENTS.md"), repo.toRealPath().resolve("CLAUDE.md"));
        assertThat(text).doesNotContain("OUTSIDE THE REPO");
        assertThat(text.indexOf("module rules")).isLessThan(text.indexOf("repo rules"));
        assertThat(text.indexOf("repo rules")).isLessThan(text.indexOf("claude rules"));
        assertThat(text).contains("Instructions from " + module.toRealPath().resolve("AGENTS.md") + ":\nmodule rules");
    }

    @Test
    void sizeCapCutsTheTextAndSaysSo() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        git(repo, "init", "-q");
        Path sub = Files.createDirectories(repo.resolve("sub"));
        Files.writeString(sub.resolve("AGENTS.md"), "a".repeat(30));
        Files.writeString(repo.resolve("AGENTS.md"), "b".repeat(30));
        Files.writeString(repo.resolve("CLAUDE.md"), "c".repeat(10));

        String text = ProjectInstructions.read(sub, 40);

        assertThat(text).contains("a".repeat(30)).contains("b".repeat(10)).doesNotContain("b".repeat(11))
                .contains("[truncated: the last 20 of 30 characters of " + repo.toRealPath().resolve("AGENTS.md"))
                .contains("[left out: " + repo.toRealPath().resolve("CLAUDE.md") + " (10 characters) is past the cap of 40")
                .doesNotContain("cccc");
    }

    @Test
    void noInstructionFilesGiveEmptyText() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("empty"));
        git(repo, "init", "-q");

        assertThat(ProjectInstructions.read(repo)).isEmpty();
    }
}
