// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.hooks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openagention.core.Agent;
import org.openagention.core.AgentListener;
import org.openagention.core.ModelInterceptor;
import org.openagention.core.tool.ToolInterceptor;
import org.openagention.tools.Workspace;

/**
 * Commands users configure to run around an agent's actions, without writing Java: format a file
 * after every edit, block edits to generated code, log every shell command. Compatible with
 * Claude Code's hooks: the same settings layout, events, matchers, JSON on standard input, and
 * meaning of exit status and output.
 *
 * <pre>{@code
 * Hooks hooks = Hooks.load(repo);                 // .openagention/settings.json, .claude/settings.json, ~/.openagention/settings.json
 * hooks.problems().forEach(p -> System.err.println(p));
 * Agent agent = hooks.installOn(Agent.builder().model(model).tools(CodingTools.all(workspace))).build();
 * }</pre>
 *
 * <p>Underneath, hooks are the SDK's one extension mechanism: {@link #toolInterceptor()} runs
 * {@code PreToolUse} and {@code PostToolUse} hooks around each tool call, {@link #modelInterceptor()}
 * runs {@code SessionStart} and {@code UserPromptSubmit} hooks before a run's first model call, and
 * {@link #listener()} runs {@code Stop} hooks when a run finishes. A hook that fails, prints
 * nonsense or passes its timeout (it is killed with its process tree) never blocks anything and is
 * never silently ignored: the run's listeners get an {@link org.openagention.core.AgentEvent.ErrorOccurred}
 * naming the hook and what went wrong (a {@code Stop} hook's failure, after the run, is logged).
 * A block is published as an {@link org.openagention.core.AgentEvent.Notice} from source {@code hook}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Hooks {
    /** Where a project keeps its own settings, relative to its root. */
    public static final String PROJECT_SETTINGS = ".openagention/settings.json";
    /** Where Claude Code keeps a project's shared settings, relative to its root. */
    public static final String CLAUDE_SETTINGS = ".claude/settings.json";
    /** Where Claude Code keeps a person's own settings for a project (not committed), relative to its root. */
    public static final String CLAUDE_LOCAL_SETTINGS = ".claude/settings.local.json";

    private final Path workspace;
    private final List<Hook> hooks;
    private final List<HookProblem> problems;
    private final HookInterceptors interceptors;

    private Hooks(Builder b) {
        this.workspace = b.workspace;
        this.hooks = List.copyOf(b.hooks);
        this.problems = List.copyOf(b.problems);
        Path dir = workspace;
        this.interceptors = new HookInterceptors(() -> dir, hooks);
    }

    private Hooks(Hooks of, Workspace in) {
        this.workspace = of.workspace;
        this.hooks = of.hooks;
        this.problems = of.problems;
        this.interceptors = new HookInterceptors(in::root, hooks);
    }

    /**
     * The hooks of the project at {@code workspace} and of the user: {@code ~/.openagention/settings.json},
     * then {@code .openagention/settings.json}, {@code .claude/settings.json} and
     * {@code .claude/settings.local.json} in the project. Files
     * that do not exist are skipped; what cannot be used is in {@link #problems()}.
     */
    public static Hooks load(Path workspace) {
        return load(workspace, Path.of(System.getProperty("user.home")));
    }

    /** As {@link #load(Path)}, with the user's settings under {@code userHome}. */
    public static Hooks load(Path workspace, Path userHome) {
        Builder b = builder(workspace);
        for (Path file : List.of(userHome.resolve(PROJECT_SETTINGS), workspace.resolve(PROJECT_SETTINGS))) {
            if (Files.isRegularFile(file)) {
                b.addSettings(file, SettingsFormat.OPENAGENTION);
            }
        }
        for (Path claude : List.of(workspace.resolve(CLAUDE_SETTINGS), workspace.resolve(CLAUDE_LOCAL_SETTINGS))) {
            if (Files.isRegularFile(claude)) {
                b.addSettings(claude, SettingsFormat.CLAUDE_CODE);
            }
        }
        return b.build();
    }

    /** A builder for hooks whose commands run in {@code workspace}. */
    public static Builder builder(Path workspace) {
        return new Builder(workspace);
    }

    /**
     * The same hooks, run in {@code workspace} instead: in its root as it is at each event, so in a
     * worker's own worktree, where the paths the hooks are given point. A lazy lane's root is the
     * checkout it starts from until its first write makes the worktree. The project's settings are
     * read once and serve every worker.
     */
    public Hooks in(Workspace workspace) {
        return new Hooks(this, Objects.requireNonNull(workspace, "workspace"));
    }

    /** The hooks, in the order they run. */
    public List<Hook> hooks() {
        return hooks;
    }

    /** What the settings files held that could not be used, with file and line. */
    public List<HookProblem> problems() {
        return problems;
    }

    public boolean isEmpty() {
        return hooks.isEmpty();
    }

    /** Runs {@code PreToolUse} and {@code PostToolUse} hooks around each tool call. */
    public ToolInterceptor toolInterceptor() {
        return interceptors.tools();
    }

    /** Runs {@code SessionStart} and {@code UserPromptSubmit} hooks before a run's first model call. */
    public ModelInterceptor modelInterceptor() {
        return interceptors.prompts();
    }

    /** Runs {@code Stop} hooks when a run finishes. */
    public AgentListener listener() {
        return interceptors.stops();
    }

    /**
     * Adds the tool interceptor, the model interceptor and the listener to {@code agent}; nothing
     * when there are no hooks. Call it before adding an approval interceptor, so that a blocking
     * hook decides before a person is asked.
     */
    public Agent.Builder installOn(Agent.Builder agent) {
        if (hooks.isEmpty()) {
            return agent;
        }
        return agent.addToolInterceptor(toolInterceptor()).addModelInterceptor(modelInterceptor())
                .addListener(listener());
    }

    /** Builds {@link Hooks}. Not thread-safe. */
    public static final class Builder {
        private final Path workspace;
        private final List<Hook> hooks = new ArrayList<>();
        private final List<HookProblem> problems = new ArrayList<>();

        private Builder(Path workspace) {
            this.workspace = Objects.requireNonNull(workspace, "workspace").toAbsolutePath().normalize();
        }

        /** Adds the hooks of a settings file; what cannot be used is kept as a problem. */
        public Builder addSettings(Path file, SettingsFormat format) {
            HookSettings.read(Objects.requireNonNull(file, "file"), Objects.requireNonNull(format, "format"), hooks,
                    problems);
            return this;
        }

        public Builder addHook(Hook hook) {
            hooks.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        public Hooks build() {
            return new Hooks(this);
        }
    }
}
