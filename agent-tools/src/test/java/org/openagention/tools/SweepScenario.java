// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openagention.core.Agent;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.ToolResult;

/**
 * The single-agent run of {@link CrashPointSweepTest}: a scripted model that writes files, runs
 * {@code shell} commands with a side effect outside the repository (a line appended to
 * {@code effects/log}) and commits, in a git repository under a scenario directory
 * ({@code repo/}, {@code effects/}, {@code journal/}). Run as a child JVM: it may first resume an
 * earlier scenario directory, then starts a fresh run in another one, to be halted by the journal's
 * test hook.
 *
 * <p>The model does what a careful model does with a call whose outcome is unknown: it checks
 * the state and finishes the step with a command that converges (check, then do).
 */
public final class SweepScenario {
    static final String RUN_ID = "sweep";
    static final String FINAL = "All notes are in and committed.";

    private SweepScenario() {}

    /** One planned step: its calls (name, arguments), and the converging shell command that repairs it. */
    private record Step(List<String[]> calls, String repair) {}

    private static List<Step> plan(Path log) {
        String l = log.toString();
        return List.of(
                new Step(List.<String[]>of(new String[] {"write_file", "{\"path\":\"notes/a.txt\",\"content\":\"alpha\\n\"}"}),
                        "test -f notes/a.txt || { mkdir -p notes && printf 'alpha\\n' > notes/a.txt; }"),
                new Step(List.<String[]>of(new String[] {"shell", cmd("echo s2 >> " + l + " && echo beta >> notes/a.txt")}),
                        "grep -qx s2 " + l + " || echo s2 >> " + l + "; grep -qx beta notes/a.txt || echo beta >> notes/a.txt"),
                new Step(List.of(new String[] {"read_file", "{\"path\":\"notes/a.txt\"}"},
                        new String[] {"glob", "{\"pattern\":\"**/*.txt\"}"}), null),
                new Step(List.<String[]>of(new String[] {"shell", cmd("echo s4 >> " + l + " && git add -A && git commit -qm 'add notes'")}),
                        "grep -qx s4 " + l + " || echo s4 >> " + l + "; git add -A; git diff --cached --quiet || git commit -qm 'add notes'"),
                new Step(List.<String[]>of(new String[] {"write_file", "{\"path\":\"notes/b.txt\",\"content\":\"gamma\\n\"}"}),
                        "test -f notes/b.txt || printf 'gamma\\n' > notes/b.txt"),
                new Step(List.<String[]>of(new String[] {"shell", cmd("echo s6 >> " + l
                                + " && cat notes/b.txt >> notes/a.txt && git add -A && git commit -qm 'more notes'")}),
                        "grep -qx s6 " + l + " || echo s6 >> " + l + "; grep -qx gamma notes/a.txt || cat notes/b.txt >> notes/a.txt;"
                                + " git add -A; git diff --cached --quiet || git commit -qm 'more notes'"));
    }

    private static String cmd(String line) {
        return "{\"command\":\"" + line.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    /**
     * The next answer, from the transcript alone: after step i's calls come step i+1's, unless one of
     * them came back "outcome unknown": then the step's repair (again, until it has a known outcome).
     */
    static ModelResponse respond(ModelRequest request, Path log) {
        List<Step> plan = plan(log);
        List<Message> messages = request.messages();
        int next = 0;
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof AssistantMessage a && !a.toolUses().isEmpty()) {
                String id = a.toolUses().get(0).id();
                int step = Integer.parseInt(id.substring(1, id.indexOf('-')));
                ToolResultMessage results = (ToolResultMessage) messages.get(i + 1);
                boolean unknown = results.outputs().stream().anyMatch(o -> o.result() instanceof ToolResult.Error e
                        && e.kind() == ToolResult.ErrorKind.OUTCOME_UNKNOWN);
                if (unknown) {
                    String repair = plan.get(step - 1).repair();
                    return ModelResponse.builder().finishReason(FinishReason.TOOL_USE)
                            .addToolUse("r" + step + "-" + i, "shell", cmd(repair)).build();
                }
                next = step;
                break;
            }
        }
        if (next == plan.size()) {
            return ModelResponse.builder().addText(FINAL).build();
        }
        ModelResponse.Builder b = ModelResponse.builder().finishReason(FinishReason.TOOL_USE);
        int k = 0;
        for (String[] call : plan.get(next).calls()) {
            b.addToolUse("s" + (next + 1) + "-" + (char) ('a' + k++), call[0], call[1]);
        }
        return b.build();
    }

    /** A fresh scenario directory: a repository with one commit, an empty effects directory. */
    static void prepare(Path base) throws IOException {
        Path repo = TestRepos.init(base.resolve("repo"), Map.of("README.md", "# notes\n"));
        TestRepos.git(repo, "config", "user.name", "Sweep");
        TestRepos.git(repo, "config", "user.email", "sweep@example.com");
        TestRepos.git(repo, "config", "commit.gpgsign", "false");
        Files.createDirectories(base.resolve("effects"));
    }

    private static Agent agent(Path base) {
        Path log = base.resolve("effects").resolve("log");
        return Agent.builder().name("sweeper").model(FakeModel.answering(r -> respond(r, log)))
                .tools(CodingTools.all(Workspace.local(base.resolve("repo")))).build();
    }

    private static RunOptions options(Path base) {
        return RunOptions.builder().runId(RUN_ID).journal(JournalStore.file(base.resolve("journal"))).build();
    }

    /** Runs the scenario in {@code base} from its start. */
    static RunResult run(Path base) {
        return agent(base).run("Write the notes", options(base));
    }

    /** Finishes the scenario in {@code base} from its journal (or from its start if it journaled nothing). */
    static RunResult resume(Path base) {
        JournalStore journal = JournalStore.file(base.resolve("journal"));
        return journal.read(RUN_ID).isEmpty() ? run(base) : agent(base).resume(RUN_ID, options(base));
    }

    /**
     * Child JVM entry. Arguments: a scenario directory to resume ({@code -} for none), a scenario
     * directory to prepare and run ({@code -} for none), and the journal append to halt after ({@code 0}: never). Prints
     * {@code RUNNING} when the fresh run starts; exits 0 when it finishes, 137 when halted.
     */
    public static void main(String[] args) throws IOException {
        if (!args[0].equals("-")) {
            resume(Path.of(args[0]));
        }
        if (args[1].equals("-")) {
            System.exit(0);
        }
        Path base = Path.of(args[1]);
        prepare(base);
        if (!args[2].equals("0")) {
            System.setProperty("openagention.test.haltAfterAppend", args[2]);
        }
        System.out.println("RUNNING");
        System.out.flush();
        run(base);
        System.exit(0);
    }
}
