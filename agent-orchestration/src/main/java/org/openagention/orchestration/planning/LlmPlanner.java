// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.openagention.core.Agent;
import org.openagention.core.OutputSpec;
import org.openagention.core.RunOptions;
import org.openagention.core.StructuredOutputException;
import org.openagention.core.tool.Description;
import org.openagention.orchestration.graph.InvalidGraphException;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.openagention.orchestration.review.AcceptanceCheck;

/**
 * A {@link Planner} where a model proposes the tasks: the planner agent is asked, with structured
 * output, for a {@link Plan} (tasks with ids, goals, dependencies and acceptance commands). The
 * plan is built into a {@link TaskGraph}; a plan that is not a valid graph (a cycle, an unknown
 * dependency, a duplicate id, a bad id) is sent back to the model with every problem listed, up
 * to the attempt limit.
 *
 * <pre>{@code
 * Planner planner = LlmPlanner.builder(Agent.builder().model(model).build())
 *         .maxAttempts(3)
 *         .taskDefaults(t -> t.retry(RetryPolicy.builder().maxAttempts(2).build()))
 *         .build();
 * TaskGraph graph = planner.plan("Add a --json flag to the report command");
 * }</pre>
 *
 * <p>Acceptance commands come from the model: by default each one becomes
 * {@link AcceptanceCheck#shell(String)}, run in the task's workspace. Give
 * {@link Builder#checks(Function)} to vet or map them. Immutable and thread-safe.
 */
public final class LlmPlanner implements Planner {
    private final Agent agent;
    private final RunOptions options;
    private final int maxAttempts;
    private final Function<String, AcceptanceCheck> checks;
    private final Function<Task.Builder, Task.Builder> defaults;

    /** A plan as the model writes it. */
    public record Plan(@Description("The tasks, in any order") List<PlannedTask> tasks) {
        public Plan {
            tasks = tasks == null ? List.of() : List.copyOf(tasks);
        }
    }

    /**
     * One task as the model writes it.
     *
     * @param acceptanceCommand a shell command that tells whether the task is done; the model omits
     *     it (or sends null) when no command can tell, and a blank one counts as none
     */
    public record PlannedTask(
            @Description("A short unique id: letters, digits, '-', '_' or '.'") String id,
            @Description("What the worker must achieve, self-contained") String goal,
            @Description("Ids of the tasks that must be finished first; empty for none") List<String> dependsOn,
            @Description("A shell command that exits 0 when the task is done, run in the task's workspace;"
                    + " leave it out when no command can tell") Optional<String> acceptanceCommand) {
        public PlannedTask {
            dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
            acceptanceCommand = acceptanceCommand == null ? Optional.empty()
                    : acceptanceCommand.filter(c -> !c.isBlank());
        }
    }

    private LlmPlanner(Builder b) {
        this.agent = b.agent;
        this.options = b.options;
        this.maxAttempts = b.maxAttempts;
        this.checks = b.checks;
        this.defaults = b.defaults;
    }

    public static Builder builder(Agent agent) {
        return new Builder(agent);
    }

    /**
     * @throws InvalidGraphException when the model's last plan was still not a valid graph
     * @throws StructuredOutputException when the model gave no usable plan at all
     */
    @Override
    public TaskGraph plan(String goal) {
        Objects.requireNonNull(goal, "goal");
        return plan(prompt(goal), List.of());
    }

    /**
     * Asks the model for the remaining work; the done tasks are in the returned graph (so that new
     * tasks can depend on them) and the model is told not to plan them again.
     */
    @Override
    public TaskGraph replan(Replan replan) {
        List<Task> done = new ArrayList<>();
        replan.doneTasks().forEach(id -> done.add(replan.graph().require(id)));
        return plan(prompt(replan.prompt()), done);
    }

    private TaskGraph plan(String prompt, List<Task> known) {
        OutputSpec<Plan> spec = OutputSpec.of(Plan.class).withValidator(p -> problems(p, known))
                .withMaxAttempts(maxAttempts);
        Plan plan;
        try {
            plan = agent.run(prompt, spec, options).value();
        } catch (StructuredOutputException e) {
            List<StructuredOutputException.Attempt> attempts = e.attempts();
            if (!attempts.isEmpty() && attempts.get(attempts.size() - 1).number() >= maxAttempts) {
                List<String> last = attempts.get(attempts.size() - 1).errors();
                throw new InvalidGraphException(last);
            }
            throw e;
        }
        List<Task> tasks = new ArrayList<>(known);
        tasks.addAll(toTasks(plan));
        return TaskGraph.of(tasks);
    }

    private List<String> problems(Plan plan, List<Task> known) {
        List<String> problems = new ArrayList<>();
        if (plan.tasks().isEmpty()) {
            problems.add("the plan has no tasks; give at least one");
            return problems;
        }
        List<Task> tasks = new ArrayList<>(known);
        for (PlannedTask p : plan.tasks()) {
            if (known.stream().anyMatch(k -> k.id().equals(p.id()))) {
                problems.add("task '" + p.id() + "' is already done: do not plan it again (you may depend on it)");
                continue;
            }
            try {
                tasks.add(toTask(p));
            } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
                problems.add("task '" + p.id() + "': " + e.getMessage());
            }
        }
        problems.addAll(TaskGraph.problems(tasks));
        return problems;
    }

    private List<Task> toTasks(Plan plan) {
        List<Task> tasks = new ArrayList<>();
        plan.tasks().forEach(p -> tasks.add(toTask(p)));
        return tasks;
    }

    private Task toTask(PlannedTask p) {
        Task.Builder b = defaults.apply(Task.builder(p.id())).goal(p.goal());
        b.dependencies(p.dependsOn());
        p.acceptanceCommand().ifPresent(command -> b.check(checks.apply(command)));
        return b.build();
    }

    private static String prompt(String goal) {
        return "Break this goal into tasks for worker agents. Each task is done by one worker in its own "
                + "workspace; a task starts only when the tasks it depends on are finished, and independent "
                + "tasks run in parallel. Give each task an acceptance command where a command can tell "
                + "whether it is done.\n\nGoal:\n" + goal;
    }

    /** Builds an {@link LlmPlanner}. Not thread-safe. */
    public static final class Builder {
        private final Agent agent;
        private int maxAttempts = 3;
        private Function<String, AcceptanceCheck> checks = AcceptanceCheck::shell;
        private Function<Task.Builder, Task.Builder> defaults = b -> b;
        private RunOptions options = RunOptions.defaults();

        private Builder(Agent agent) {
            this.agent = Objects.requireNonNull(agent, "agent");
        }

        /** How many plans the model may propose before planning fails; at least 1 (default 3). */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Turns a proposed acceptance command into a check (default {@link AcceptanceCheck#shell}). */
        public Builder checks(Function<String, AcceptanceCheck> checks) {
            this.checks = Objects.requireNonNull(checks, "checks");
            return this;
        }

        /** Applied to every planned task's builder before its goal and dependencies: lane, retry, budget. */
        public Builder taskDefaults(Function<Task.Builder, Task.Builder> defaults) {
            this.defaults = Objects.requireNonNull(defaults, "defaults");
            return this;
        }

        /** How the planner agent's runs execute (limits, a journal); each run gets a fresh run id. */
        public Builder runOptions(RunOptions options) {
            Objects.requireNonNull(options, "options");
            if (options.runId().isPresent()) {
                throw new IllegalArgumentException("the planner's run options cannot carry a run id: each plan is a run");
            }
            this.options = options;
            return this;
        }

        public LlmPlanner build() {
            return new LlmPlanner(this);
        }
    }
}
