// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.testing.FakeModel;

/** The file-change and git-commit triggers against a real file system and a real git repository. */
class TriggersTest {
    @TempDir
    Path dir;

    final RunRecorder recorder = new RunRecorder();
    AutomationRunner runner;

    @AfterEach
    void close() {
        if (runner != null) {
            runner.close();
        }
    }

    private final FakeModel model = FakeModel.answering(r -> ModelResponse.builder().addText("seen")
            .finishReason(FinishReason.END_TURN).build());

    private Agent agent() {
        return Agent.builder().model(model).build();
    }

    private String git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private Path repo() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        git(repo, "init", "-q", "-b", "main");
        git(repo, "config", "user.name", "Test User");
        git(repo, "config", "user.email", "test@example.com");
        git(repo, "config", "commit.gpgsign", "false");
        commit(repo, "README.md", "initial");
        return repo;
    }

    private String commit(Path repo, String file, String subject) throws Exception {
        Files.writeString(repo.resolve(file), subject + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        git(repo, "add", file);
        git(repo, "commit", "-q", "-m", subject);
        return git(repo, "rev-parse", "--short", "HEAD");
    }

    @Test
    void commitTriggerFiresOncePerNewCommit() throws Exception {
        Path repo = repo();
        ManualTicker ticker = new ManualTicker();
        runner = AutomationRunner.builder().ticker(ticker).build();
        runner.addListener(recorder);
        runner.register(Automation.builder("review").trigger(Trigger.gitCommits(repo, "main", Duration.ofSeconds(30)))
                .agent(this::agent).input("Review the new commits.").build());

        ticker.advance(Duration.ofSeconds(30));
        assertThat(runner.runs("review")).as("the commit at registration is the baseline").isEmpty();

        String second = commit(repo, "App.java", "add the app");
        ticker.advance(Duration.ofSeconds(30));
        AutomationRun first = recorder.nextFinished("review");
        ticker.advance(Duration.ofSeconds(90));
        String third = commit(repo, "App.java", "fix the app");
        String fourth = commit(repo, "Test.java", "test the app");
        ticker.advance(Duration.ofSeconds(30));
        AutomationRun next = recorder.nextFinished("review");

        assertThat(first.status()).isEqualTo(AutomationStatus.COMPLETED);
        assertThat(first.event().description()).startsWith("a new commit on main in " + repo);
        assertThat(first.event().details()).containsExactly(second + " add the app");
        assertThat(next.event().description()).startsWith("2 new commits on main");
        assertThat(next.event().details()).containsExactly(fourth + " test the app", third + " fix the app");
        assertThat(runner.runs("review")).hasSize(2);
        assertThat(model.requests().get(0).messages().get(0).toString()).contains("add the app");
    }

    @Test
    void manyFileWritesMakeOneDebouncedRun() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Files.createDirectories(ws.resolve("src"));
        Files.createDirectories(ws.resolve(".git"));
        runner = AutomationRunner.builder().build();
        runner.addListener(recorder);
        runner.register(Automation.builder("docs").trigger(Trigger.fileChanges(ws, Duration.ofMillis(700)))
                .agent(this::agent).build());

        List<String> written = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String name = "src/File" + i + ".java";
            Files.writeString(ws.resolve(name), "class File" + i + " {}");
            Files.writeString(ws.resolve(name), "class File" + i + " { int x; }");
            written.add(name);
        }
        Files.writeString(ws.resolve(".git/index"), "ignored");
        AutomationRun burst = recorder.nextFinished("docs");
        Files.writeString(ws.resolve("NOTES.md"), "later");
        AutomationRun later = recorder.nextFinished("docs");

        assertThat(burst.status()).isEqualTo(AutomationStatus.COMPLETED);
        assertThat(burst.event().details()).containsAll(written).noneMatch(d -> d.startsWith(".git"));
        assertThat(later.event().details()).containsExactly("NOTES.md");
        assertThat(runner.runs("docs")).hasSize(2);
    }

    @Test
    void filesInNewSubdirectoriesAreSeen() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        runner = AutomationRunner.builder().build();
        runner.addListener(recorder);
        runner.register(Automation.builder("watch").trigger(Trigger.fileChanges(ws, Duration.ofMillis(500)))
                .agent(this::agent).build());

        Path nested = Files.createDirectories(ws.resolve("a/b"));
        Files.writeString(nested.resolve("deep.txt"), "x");
        AutomationRun run = recorder.nextFinished("watch");
        if (!run.event().details().contains("a/b/deep.txt")) {
            run = recorder.nextFinished("watch");
        }

        assertThat(run.event().details()).contains("a/b/deep.txt");
    }

    @Test
    void aFileChangedTheMomentRegisterReturnsStartsARun() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Files.createDirectories(ws.resolve("docs"));
        runner = AutomationRunner.builder().build();
        runner.addListener(recorder);
        runner.register(Automation.builder("armed").trigger(Trigger.fileChanges(ws, Duration.ofMillis(200)))
                .agent(this::agent).build());
        Files.writeString(ws.resolve("docs/first.md"), "written before the watch thread ran");

        AutomationRun run = recorder.nextFinished("armed");

        assertThat(run.status()).isEqualTo(AutomationStatus.COMPLETED);
        assertThat(run.event().details()).contains("docs/first.md");
    }

    @Test
    void aCommitMadeTheMomentRegisterReturnsIsSeenByTheFirstPoll() throws Exception {
        Path repo = repo();
        ManualTicker ticker = new ManualTicker();
        runner = AutomationRunner.builder().ticker(ticker).build();
        runner.addListener(recorder);
        runner.register(Automation.builder("armed").trigger(Trigger.gitCommits(repo, "main", Duration.ofSeconds(30)))
                .agent(this::agent).build());
        String made = commit(repo, "App.java", "right after register");

        ticker.advance(Duration.ofSeconds(30));
        AutomationRun run = recorder.nextFinished("armed");

        assertThat(run.event().details()).containsExactly(made + " right after register");
    }
}
