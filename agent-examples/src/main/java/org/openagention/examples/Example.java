// SPDX-License-Identifier: Apache-2.0
package org.openagention.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openagention.core.AgentEvent;
import org.openagention.core.AgentListener;
import org.openagention.core.model.Model;
import org.openagention.core.providers.Models;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.ToolResult;
import org.openagention.orchestration.OrchestrationEvent;
import org.openagention.orchestration.OrchestrationListener;
import org.openagention.tools.FileTrees;
import org.openagention.tools.process.Git;

/**
 * What the chapter examples share: a banner, numbered steps on standard output, a listener that
 * prints a run as it happens, {@code --live} to swap the scripted model for the configured one,
 * and temporary directories deleted when the example ends.
 *
 * <p>Not thread-safe except {@link #trace()}, whose listener may be called from worker threads.
 */
final class Example implements AutoCloseable {
    private static final Git GIT = Git.create().withTimeout(Duration.ofSeconds(60));

    private final boolean live;
    private final List<Path> temporary = new ArrayList<>();
    private int step;
    private boolean modelNamed;
    private Model liveModel;

    private Example(boolean live) {
        this.live = live;
    }

    /** Prints the banner; {@code --live} in {@code args} selects the model from the environment. */
    static Example start(int chapter, String title, String[] args) {
        // The MCP SDK logs every handshake at INFO; keep the examples' output to what they show.
        if (System.getProperty("org.slf4j.simpleLogger.log.io.modelcontextprotocol") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.io.modelcontextprotocol", "warn");
        }
        Example ex = new Example(Arrays.asList(args).contains("--live"));
        System.out.println("=== Chapter " + chapter + ": " + title + " ===");
        return ex;
    }

    boolean live() {
        return live;
    }

    /** The configured model with {@code --live}, else {@code scripted}. */
    Model model(FakeModel scripted) {
        if (!live) {
            if (!modelNamed) {
                say("(model: a scripted FakeModel; pass --live to use the model configured in the environment)");
                modelNamed = true;
            }
            return scripted;
        }
        if (liveModel == null) {
            liveModel = Models.fromEnvironment();
            say("(model: " + liveModel.name() + ", live)");
        }
        return liveModel;
    }

    /** Starts the next numbered step. */
    void step(String title) {
        System.out.println();
        System.out.println(++step + ". " + title);
    }

    /** Prints an indented line (or lines) under the current step. */
    void say(String text) {
        for (String line : text.split("\n", -1)) {
            System.out.println("   " + line);
        }
    }

    /** Reports an exception the library threw on purpose: what was refused and the message. */
    void refused(String what, Exception e) {
        say("refused " + what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /** A listener that prints each turn, tool call, answer, approval and stop of a run. */
    AgentListener trace() {
        return event -> {
            String line = describe(event);
            if (line != null) {
                synchronized (System.out) {
                    System.out.println("   | " + line);
                }
            }
        };
    }

    /** A listener that prints an orchestrated run: task states, attempts, reviews, merges, skips. */
    OrchestrationListener orchestrationTrace() {
        return event -> {
            String line = describe(event);
            if (line != null) {
                synchronized (System.out) {
                    System.out.println("   # " + line);
                }
            }
        };
    }

    private static String describe(OrchestrationEvent event) {
        if (event instanceof OrchestrationEvent.TaskStateChanged e) {
            return e.taskId() + ": " + e.from() + " -> " + e.to() + (e.reason().isEmpty() ? "" : " (" + oneLine(e.reason()) + ")");
        } else if (event instanceof OrchestrationEvent.AttemptFinished e) {
            return e.taskId() + ": attempt " + e.attempt() + " " + e.outcome() + " after " + e.turns() + " turn(s), "
                    + e.tokens() + " tokens";
        } else if (event instanceof OrchestrationEvent.ReviewDecided e) {
            return e.taskId() + ": review " + e.decision() + " by " + e.reviewer()
                    + (e.feedback().isEmpty() ? "" : " (" + oneLine(e.feedback()) + ")");
        } else if (event instanceof OrchestrationEvent.TaskMerged e) {
            return e.taskId() + ": " + (e.merged() ? "merged " + e.files() : "merge CONFLICT in " + e.files()
                    + ", new task " + e.conflictTask());
        } else if (event instanceof OrchestrationEvent.TaskSkipped e) {
            return e.taskId() + ": skipped (" + oneLine(e.because()) + ")";
        } else if (event instanceof OrchestrationEvent.TaskAdded e) {
            return e.taskId() + ": added (" + oneLine(e.reason()) + ")";
        } else if (event instanceof OrchestrationEvent.RunFinished e) {
            return "run " + e.result().status() + (e.result().detail().isEmpty() ? "" : ": " + oneLine(e.result().detail()));
        }
        return null;
    }

    private static String describe(AgentEvent event) {
        if (event instanceof AgentEvent.TurnStarted e) {
            return "turn " + e.turn();
        } else if (event instanceof AgentEvent.ModelResponded e && !e.response().hasToolCalls()) {
            return "  model answers: " + oneLine(e.response().text()) + (e.replayed() ? "  (replayed from the journal)" : "");
        } else if (event instanceof AgentEvent.ModelResponded e && e.replayed()) {
            return "  model response replayed from the journal";
        } else if (event instanceof AgentEvent.ToolCallFinished e) {
            ToolResult r = e.result();
            String outcome = r instanceof ToolResult.Error err ? "ERROR " + err.kind() + ": " : "ok: ";
            return "  " + e.call().name() + " " + oneLine(e.call().argumentsJson()) + " -> " + outcome + oneLine(r.text())
                    + (e.replayed() ? "  (replayed)" : "");
        } else if (event instanceof AgentEvent.ApprovalDecided e) {
            return "  approval: " + e.call().name() + (e.approved() ? " allowed" : " DENIED") + " by " + e.decidedBy()
                    + " (" + e.reason() + ")";
        } else if (event instanceof AgentEvent.ContextCompacted e) {
            return "  context compacted: " + e.messagesBefore() + " -> " + e.messagesAfter() + " messages, ~"
                    + e.estimatedTokensBefore() + " -> ~" + e.estimatedTokensAfter() + " tokens";
        } else if (event instanceof AgentEvent.Notice e) {
            return "  notice from " + e.source() + ": " + oneLine(e.message());
        } else if (event instanceof AgentEvent.RunFinished e) {
            return "stopped: " + e.result().stopReason() + (e.result().detail().isEmpty() ? "" : " (" + e.result().detail() + ")");
        }
        return null;
    }

    /** {@code text} on one line, cut to 110 characters. */
    static String oneLine(String text) {
        String s = text.strip().replaceAll("\\s*\n\\s*", " ⏎ ");
        return s.length() <= 110 ? s : s.substring(0, 107) + "...";
    }

    /** A new temporary directory, deleted with everything in it when the example ends. */
    Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("openagention-example-").toRealPath();
            temporary.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs git in {@code dir} and returns its output; fails on a non-zero exit. */
    static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("-c", "user.name=Example", "-c",
                "user.email=example@openagention.org", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
        command.addAll(List.of(args));
        return GIT.check(dir, command);
    }

    /** A new git repository in a temporary directory, with {@code files} (path, content pairs) committed on main. */
    Path gitRepo(String... files) {
        Path repo = tempDir();
        git(repo, "init", "-q");
        try {
            for (int i = 0; i < files.length; i += 2) {
                Path f = repo.resolve(files[i]);
                Files.createDirectories(f.getParent());
                Files.writeString(f, files[i + 1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "initial commit");
        return repo;
    }

    /** Deletes the temporary directories and prints the closing line. */
    @Override
    public void close() {
        for (Path dir : temporary) {
            deleteTree(dir);
        }
        System.out.println();
        System.out.println("=== done ===");
    }

    private static void deleteTree(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
