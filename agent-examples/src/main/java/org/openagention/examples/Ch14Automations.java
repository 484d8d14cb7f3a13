// SPDX-License-Identifier: Apache-2.0
package org.openagention.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openagention.core.Agent;
import org.openagention.core.model.Model;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.testing.FakeModel;
import org.openagention.orchestration.automation.Automation;
import org.openagention.orchestration.automation.AutomationRun;
import org.openagention.orchestration.automation.AutomationRunner;
import org.openagention.orchestration.automation.Trigger;
import org.openagention.orchestration.skills.SkillLoader;
import org.openagention.orchestration.skills.SkillSet;

/**
 * Chapter 14, automations: agents that respond to the world (a new commit, changed files, a
 * schedule) in the background, each run with its own status and journal.
 *
 * <p>Runs on a real git repository: a commit on main starts a review agent with the code-review
 * skill loaded. Shows three runs that go wrong without affecting anything else: a missing skill
 * (failed, saying so), an agent that takes too long (timed out and cancelled), and a factory that
 * throws (failed).
 */
public final class Ch14Automations {

    public static void main(String[] args) throws Exception {
        try (Example ex = Example.start(14, "automations", args)) {
            Path repo = ex.gitRepo("src/App.java", "class App {}\n");
            Path skills = ex.tempDir();
            Files.createDirectories(skills.resolve("code-review"));
            Files.writeString(skills.resolve("code-review/SKILL.md"), "---\nname: code-review\ndescription: Reviews"
                    + " new commits.\n---\nList each changed file and one risk per file.\n");
            BlockingQueue<AutomationRun> finished = new LinkedBlockingQueue<>();
            CountDownLatch never = new CountDownLatch(1);

            try (AutomationRunner runner = AutomationRunner.builder()
                    .skills(SkillSet.of(SkillLoader.load(skills).skills())).build()) {
                runner.addListener(run -> {
                    ex.say("  [" + run.automationId() + "] " + run.status()
                            + (run.detail().isEmpty() ? "" : ": " + Example.oneLine(run.detail())));
                    if (run.status().isFinal()) {
                        finished.add(run);
                    }
                });

                ex.step("A commit on main triggers the review automation (git polled every 100 ms)");
                Model reviewModel = ex.model(FakeModel.answering(request ->
                        ModelResponse.ofText("Reviewed: src/App.java gained a main method; risk: none.")));
                runner.register(Automation.builder("review-main")
                        .trigger(Trigger.gitCommits(repo, "main", Duration.ofMillis(100)))
                        .agent(() -> Agent.builder().model(reviewModel).build())
                        .skill("code-review")
                        .input("Review the new commits.")
                        .build());
                Files.writeString(repo.resolve("src/App.java"), "class App { public static void main(String[] a) {} }\n");
                Example.git(repo, "commit", "-qam", "add main");
                AutomationRun review = next(finished);
                ex.say("event: " + review.event().description() + " " + review.event().details());
                ex.say("agent answered: " + review.result().orElseThrow().finalText());

                ex.step("A missing skill: that run fails with a message; nothing else is affected");
                runner.register(Automation.builder("deploy").trigger(Trigger.manual())
                        .agent(() -> Agent.builder().model(new FakeModel()).build())
                        .skill("deploy").input("Deploy the release.").build());
                runner.trigger("deploy");
                next(finished);

                ex.step("An agent that takes too long is cancelled at its timeout");
                runner.register(Automation.builder("slow").trigger(Trigger.manual())
                        .agent(() -> Agent.builder().model(FakeModel.answering(request -> {
                            awaitQuietly(never);   // a model call that never returns
                            return ModelResponse.ofText("too late");
                        })).build())
                        .input("Summarise the whole history.").timeout(Duration.ofMillis(300)).build());
                runner.trigger("slow");
                next(finished);

                ex.step("A factory that throws: the run fails, the runner goes on");
                runner.register(Automation.builder("broken").trigger(Trigger.manual())
                        .agent(() -> {
                            throw new IllegalStateException("no API key for the release service");
                        })
                        .input("Publish.").build());
                runner.trigger("broken");
                next(finished);

                ex.step("Status per automation");
                runner.automationIds().forEach(id -> ex.say(id + ": " + runner.status(id) + " after "
                        + runner.runs(id).size() + " run(s)"));
            } finally {
                never.countDown();
            }
        }
    }

    private static AutomationRun next(BlockingQueue<AutomationRun> finished) throws InterruptedException {
        AutomationRun run = finished.poll(30, TimeUnit.SECONDS);
        if (run == null) {
            throw new IllegalStateException("no automation run finished within 30 seconds");
        }
        return run;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
