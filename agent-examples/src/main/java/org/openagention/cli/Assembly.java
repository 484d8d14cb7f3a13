// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openagention.core.Agent;
import org.openagention.core.Limits;
import org.openagention.core.RetryPolicy;
import org.openagention.core.RunOptions;
import org.openagention.core.Sleeper;
import org.openagention.core.context.Compaction;
import org.openagention.core.context.ToolOutputLimit;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.journal.StepExecutor;
import org.openagention.core.model.Model;
import org.openagention.core.tool.Tool;
import org.openagention.orchestration.FailurePolicy;
import org.openagention.orchestration.Orchestrator;
import org.openagention.orchestration.graph.Budget;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.orchestration.agents.AgentDefinitions;
import org.openagention.orchestration.agents.Subagents;
import org.openagention.orchestration.planning.LlmPlanner;
import org.openagention.orchestration.review.Reviewer;
import org.openagention.orchestration.skills.ProjectInstructions;
import org.openagention.tools.Approver;
import org.openagention.tools.Checkpoints;
import org.openagention.tools.CodingTools;
import org.openagention.tools.Workspace;
import org.openagention.tools.hooks.Hooks;
import org.openagention.tools.shell.ShellOptions;

/**
 * Course chapter 19: the system assembled from its parts. Given a model, an approval mode, budgets
 * and a journal, builds the coding agent (a single agent on the repository) or the orchestrated
 * system (an LLM planner, worker agents each in its own git worktree with the coding tools, the
 * planner's acceptance commands as checks, a reviewer agent per task, merges into the current
 * branch), every agent reporting to the same {@link Progress} and journaling to the same store.
 */
final class Assembly {
    static final String WORKER_INSTRUCTIONS = "You are a careful software engineer working on one task in your own"
            + " copy of a repository (a git worktree). Read the code before you change it, make the smallest change"
            + " that does the task, run the project's tests with the shell tool when there are any, and finish with a"
            + " short report of what you changed and how you checked it.";
    static final String SOLO_INSTRUCTIONS = "You are a careful software engineer working in a repository. Read the"
            + " code before you change it, make the smallest change that does the task, run the project's tests with"
            + " the shell tool when there are any, and finish with a short report of what you changed and how you"
            + " checked it.";
    static final String REVIEWER_INSTRUCTIONS = "You review a worker's finished task: its report and the output of"
            + " its acceptance check. Approve work that does the task; ask for a revision when something is missing.";

    /** What every agent of a run shares. */
    record Settings(Model model, String modelId, ApprovalMode approval, Approver approver, int maxTurns,
            long maxTokens, double maxCostUsd, Duration timeout, int parallelism, JournalStore journal,
            Progress progress, Clock clock) {}

    private final Settings s;
    private final RunTracing tracing;

    Assembly(Settings s) {
        this(s, RunTracing.NONE);
    }

    /** An assembly whose agents and orchestrator {@code tracing} instruments ({@code run --otel}). */
    Assembly(Settings s, RunTracing tracing) {
        this.s = s;
        this.tracing = tracing;
    }

    Settings settings() {
        return s;
    }

    static String newRunId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** The coding tools on {@code workspace}: files, search, and shell (sandboxed in that mode). */
    List<Tool> tools(Workspace workspace) {
        return CodingTools.all(workspace, ShellOptions.defaults().sandboxed(s.approval().sandboxedShell()));
    }

    private Agent.Builder agent(String name, String instructions, String row, String label) {
        Agent.Builder b = tracing.instrument(Agent.builder()).name(name).model(s.model()).instructions(instructions)
                .addListener(s.progress().lane(row, label));
        if (!s.modelId().isEmpty()) {
            b.modelId(s.modelId());
        }
        return b;
    }

    /** How every agent run of the CLI executes: journaled, on the settings' clock, within {@code limits}. */
    private RunOptions runOptions(Limits limits) {
        return RunOptions.builder().journal(s.journal()).clock(s.clock()).limits(limits).build();
    }

    /** The solo agent's run options: journaled, within the command's turn, token, cost and time limits. */
    RunOptions soloOptions() {
        return runOptions(limits(true));
    }

    private Limits limits(boolean solo) {
        Limits.Builder b = Limits.builder().maxTurns(s.maxTurns());
        if (solo) {
            b.maxTokens(s.maxTokens()).maxCostUsd(s.maxCostUsd()).timeout(s.timeout());
        }
        return b.build();
    }

    /**
     * The single coding agent, working in place on {@code repo}: the repository's AGENTS.md /
     * CLAUDE.md in its instructions, approvals first, a checkpoint before every mutating call (so
     * the run can be rewound), long tool output capped with the full text kept under
     * {@code .openagention/tool-output} where read_file can page through it, and compaction when
     * the model states its context window. The project's hooks run around it (and its subagents'
     * tool calls), and the subagents defined in {@code .openagention/agents} and
     * {@code .claude/agents} are its tools; settings and definitions that cannot be used are noted.
     */
    Agent soloAgent(Path repo) {
        Workspace ws = Workspace.local(repo);
        Hooks hooks = Hooks.load(repo);
        hooks.problems().forEach(p -> s.progress().note("config", "Hooks: " + p));
        List<Tool> coding = tools(ws);
        Agent.Builder b = hooks.installOn(agent("coder", withProjectInstructions(SOLO_INSTRUCTIONS, repo), "agent", "agent"))
                .tools(coding)
                .addToolInterceptor(s.approval().policy().asInterceptor(s.approver(), s.clock()))
                .addToolInterceptor(Checkpoints.open(ws))
                .addToolInterceptor(outputLimit(repo, true));
        AgentDefinitions definitions = AgentDefinitions.load(repo);
        Subagents subagents = definitions.asTools(() -> subagentBase(ws, repo, hooks, true), coding);
        definitions.problems().forEach(p -> s.progress().note("config", "Agents: " + p));
        subagents.problems().forEach(p -> s.progress().note("config", "Agents: " + p));
        subagents.tools().forEach(b::addTool);
        return withCompaction(b).build();
    }

    /**
     * What a subagent starts from: the model, hooks on its tools, approvals; for the solo agent's
     * subagents also checkpoints (as the solo agent has), and long output spilled where its
     * read_file finds it, for a worker's as the worker does.
     */
    private Agent.Builder subagentBase(Workspace ws, Path repo, Hooks hooks, boolean solo) {
        Agent.Builder b = Agent.builder().model(s.model());
        if (!s.modelId().isEmpty()) {
            b.modelId(s.modelId());
        }
        if (!hooks.isEmpty()) {
            b.addToolInterceptor(hooks.toolInterceptor());
        }
        b.addToolInterceptor(s.approval().policy().asInterceptor(s.approver(), s.clock()));
        if (solo) {
            b.addToolInterceptor(Checkpoints.open(ws));
        }
        return b.addToolInterceptor(outputLimit(repo, solo));
    }

    /** {@code base} followed by the repository's project instructions, when it has any. */
    static String withProjectInstructions(String base, Path repo) {
        String project = ProjectInstructions.read(repo);
        return project.isBlank() ? base : base + "\n\nProject instructions:\n" + project;
    }

    /**
     * Caps long tool output. The full text goes to the repository's (git-ignored)
     * {@code .openagention/tool-output}; for the solo agent the path is stated relative to the
     * workspace so read_file can open it, for workers (whose worktree is elsewhere) absolutely.
     */
    private ToolOutputLimit outputLimit(Path repo, boolean relative) {
        Path spill = repo.resolve(".openagention").resolve("tool-output");
        ToolOutputLimit.Builder b = ToolOutputLimit.builder().spillDirectory(spill).clock(s.clock());
        if (relative) {
            b.pathsRelativeTo(repo);
        }
        return b.build();
    }

    /** Adds compaction when the model states its context window (it cannot be sized otherwise). */
    private Agent.Builder withCompaction(Agent.Builder b) {
        if (s.model().contextWindow() > 0) {
            b.addModelInterceptor(Compaction.builder().model(s.model()).clock(s.clock()).build());
        }
        return b;
    }

    LlmPlanner planner() {
        Agent planner = agent("planner", "You plan software work for a team of worker agents.", "planner", "planner")
                .build();
        return LlmPlanner.builder(planner).runOptions(runOptions(Limits.builder().maxTurns(6).build())).taskDefaults(t -> t.retry(RetryPolicy.builder().maxAttempts(2)
                .initialBackoff(Duration.ofMillis(200)).build())).build();
    }

    Reviewer reviewer(String taskId) {
        return Reviewer.agent(agent("reviewer", REVIEWER_INSTRUCTIONS, taskId, taskId + "/review").build(),
                runOptions(Limits.builder().maxTurns(4).build()));
    }

    /** {@code graph} with a reviewer agent on every task. */
    TaskGraph withReviewers(TaskGraph graph) {
        TaskGraph.Builder b = graph.toBuilder();
        for (Task t : graph.tasks()) {
            b.replace(t.toBuilder().reviewer(reviewer(t.id())).build());
        }
        return b.build();
    }

    /**
     * The orchestrator on {@code repo}: workers in the orchestration module's git worktree lanes,
     * with the project's hooks running in each worker's worktree and its defined subagents as the
     * workers' tools, merges into {@code targetBranch},
     * each task's diff journaled for the report.
     */
    Orchestrator orchestrator(Path repo, String targetBranch) {
        Hooks hooks = Hooks.load(repo);
        hooks.problems().forEach(p -> s.progress().note("config", "Hooks: " + p));
        AgentDefinitions definitions = AgentDefinitions.load(repo);
        definitions.problems().forEach(p -> s.progress().note("config", "Agents: " + p));
        WorkerFactory workers = (task, ws, attempt) -> {
            Hooks inLane = hooks.in(ws);
            List<Tool> coding = tools(ws);
            Agent.Builder b = withCompaction(inLane.installOn(agent("worker-" + task.id(),
                    withProjectInstructions(WORKER_INSTRUCTIONS, repo), task.id(), task.id() + "#" + attempt))
                    .tools(coding)
                    .addToolInterceptor(s.approval().policy().asInterceptor(s.approver(), s.clock()))
                    .addToolInterceptor(outputLimit(repo, false)));
            definitions.asTools(() -> subagentBase(ws, repo, inLane, false), coding).tools().forEach(b::addTool);
            return org.openagention.orchestration.lanes.Worker.of(b.build(), runOptions(limits(false)));
        };
        return tracing.instrument(Orchestrator.builder(), workers)
                .workspaces(DiffJournalingLanes.of(repo, targetBranch,
                        StepExecutor.journaling(s.journal(), s.clock(), Sleeper.SYSTEM)))
                .journal(s.journal()).parallelism(s.parallelism()).failurePolicy(FailurePolicy.SKIP_DEPENDENTS)
                .budget(new Budget(s.maxTokens(), s.maxCostUsd(), s.timeout())).addListener(s.progress())
                .clock(s.clock()).build();
    }

    /**
     * The tasks of a journaled orchestrated run that had reviewers, rebuilt with this assembly's
     * reviewer agents, for {@link Orchestrator#resume(String, TaskGraph)} (the journal keeps
     * everything else).
     */
    TaskGraph reviewedTasksOf(List<JournalEntry> entries) {
        List<Task> tasks = new ArrayList<>();
        for (JournalEntry e : entries) {
            JsonNode specs = null;
            JsonNode p = JournalRead.json(e);
            if (e.type().equals("graph.started")) {
                specs = p.path("tasks");
            } else if (e.type().equals("graph.replanned")) {
                specs = p.path("added");
            }
            if (specs == null) {
                continue;
            }
            for (JsonNode t : specs) {
                if (t.path("reviewer").asBoolean(false)) {
                    String id = t.path("id").asText();
                    tasks.add(Task.builder(id).goal(t.path("goal").asText(id)).reviewer(reviewer(id)).build());
                }
            }
        }
        return TaskGraph.of(tasks);
    }
}
