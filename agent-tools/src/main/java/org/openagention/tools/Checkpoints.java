// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openagention.core.AgentEvent;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolInterceptor;
import org.openagention.core.tool.ToolResult;
import org.openagention.tools.internal.ShadowGit;

/**
 * Snapshots of a workspace in a shadow git store kept outside it, and a tool interceptor that
 * takes one before every call of a tool that is not {@link org.openagention.core.tool.Tool#readOnly()
 * read-only}, so any step can be rewound.
 *
 * <p>The store is a separate git directory (its own objects, index and refs) with the workspace
 * as its work tree: the user's own {@code .git} (history, index, stash, hooks) is never read or
 * written. What a snapshot holds: every file, tracked or untracked, and ignored files too
 * ({@code .gitignore} is overridden, because {@code .env} and local configuration are exactly
 * what an agent should not lose), except under directories with the excluded names (by default
 * {@link #DEFAULT_EXCLUDED_DIRECTORIES}: dependency and build output, large and rebuildable,
 * which a rewind leaves as they are). Empty directories are not recorded (git tracks files), and
 * nested repositories are recorded as links to their commit, not their contents.
 *
 * <p>{@link #rewind} restores the files exactly, modes and symlinks included, and deletes files
 * created after the checkpoint. It first takes a snapshot of the current state, so a rewind can
 * itself be undone.
 *
 * <pre>{@code
 * Checkpoints checkpoints = Checkpoints.open(workspace, Path.of("/var/cache/my-agent/checkpoints"));
 * Agent agent = Agent.builder().model(model).tools(tools)
 *         .addToolInterceptor(policy.asInterceptor(approver))  // decide first: no snapshot for a denied call
 *         .addToolInterceptor(checkpoints)
 *         .build();
 * agent.run("Refactor the parser");
 * checkpoints.rewind(checkpoints.list().get(0));               // back to before the first change
 * }</pre>
 *
 * <p>If a snapshot fails, the call is not run and the model is told why (fail closed: a change
 * that could not be undone is not made). For a lazy {@link Workspace}, a mutating call first
 * makes its isolated root, which is what is snapshotted. Thread-safe: snapshots and rewinds are
 * serialized.
 */
public final class Checkpoints implements ToolInterceptor {
    /** Directory names left out of snapshots unless told otherwise. */
    public static final List<String> DEFAULT_EXCLUDED_DIRECTORIES = List.of("node_modules", "target", "build",
            "dist", ".gradle", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache", ".pytest_cache", ".next");

    private final Workspace workspace;
    private final Path store;
    private final ShadowGit shadow;
    private final Clock clock;

    private Checkpoints(Workspace workspace, Path store, List<String> excluded, Clock clock) {
        this.workspace = workspace;
        this.store = store;
        this.shadow = new ShadowGit("git", store, excluded);
        this.clock = clock;
    }

    /**
     * Checkpoints of {@code workspace} kept in {@code store} (created on the first snapshot),
     * with the default exclusions and the system clock.
     *
     * @throws WorkspaceException when {@code store} lies inside the workspace
     */
    public static Checkpoints open(Workspace workspace, Path store) {
        return open(workspace, store, DEFAULT_EXCLUDED_DIRECTORIES, Clock.systemUTC());
    }

    /**
     * Checkpoints of {@code workspace} in a store under the user's cache directory
     * ({@code $XDG_CACHE_HOME} or {@code ~/.cache}, then {@code openagention/checkpoints/<hash of
     * the root>}), which lasts across runs and restarts; delete it when the project is done.
     */
    public static Checkpoints open(Workspace workspace) {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return open(workspace, cache.resolve("openagention/checkpoints").resolve(hash(workspace.root().toString())));
    }

    /** Checkpoints with other excluded directory names (an empty list excludes nothing) and clock. */
    public static Checkpoints open(Workspace workspace, Path store, List<String> excludedDirectories, Clock clock) {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(store, "store");
        Path abs = store.toAbsolutePath().normalize();
        if (workspace.contains(abs) || abs.startsWith(workspace.root())) {
            throw new WorkspaceException("the checkpoint store " + store + " lies inside the workspace "
                    + workspace.root() + ": it must be kept outside, or snapshots would contain themselves");
        }
        return new Checkpoints(workspace, abs, List.copyOf(excludedDirectories), Objects.requireNonNull(clock, "clock"));
    }

    /** Snapshots the workspace now. */
    public synchronized Checkpoint snapshot(String label) {
        Objects.requireNonNull(label, "label");
        return shadow.snapshot(workspace.isolate(), label, clock.instant());
    }

    /**
     * Restores the workspace to {@code checkpoint}, after snapshotting the current state.
     *
     * @return the snapshot taken just before the rewind (rewind to it to undo the rewind)
     * @throws WorkspaceException when the checkpoint is of another root or not in this store
     */
    public synchronized Checkpoint rewind(Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Path root = workspace.root();
        if (!checkpoint.root().equals(root)) {
            throw new WorkspaceException("checkpoint " + checkpoint.id() + " is a snapshot of " + checkpoint.root()
                    + ", not of this workspace " + root);
        }
        Checkpoint before = shadow.snapshot(root, "before rewind to " + checkpoint.id(), clock.instant());
        shadow.restore(root, checkpoint);
        return before;
    }

    /** Every checkpoint in the store, oldest first (read from the store, so it survives a restart). */
    public synchronized List<Checkpoint> list() {
        return shadow.list(workspace.root());
    }

    /** The newest checkpoint, if any. */
    public Optional<Checkpoint> latest() {
        List<Checkpoint> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The shadow store's directory. */
    public Path store() {
        return store;
    }

    /** Snapshots before a call of a tool that is not read-only, and publishes a notice saying so. */
    @Override
    public ToolResult intercept(Chain chain) throws Exception {
        ToolCall call = chain.call();
        if (chain.tool().readOnly()) {
            return chain.proceed(call);
        }
        ToolContext context = chain.context();
        Checkpoint checkpoint;
        try {
            checkpoint = snapshot("before " + call.name() + " (call " + call.id() + ", turn " + context.turn() + ")");
        } catch (RuntimeException e) {
            context.publish(new AgentEvent.ErrorOccurred(context.runId(), clock.instant(),
                    "checkpoint before " + call.name() + " failed", e));
            return ToolResult.error(ToolResult.ErrorKind.TOOL_FAILED, "Not run: a checkpoint of the workspace could"
                    + " not be taken first, so this change could not be undone (" + e.getMessage() + ").");
        }
        context.publish(new AgentEvent.Notice(context.runId(), clock.instant(), "checkpoints", "checkpoint "
                + checkpoint.id() + " taken " + checkpoint.label()));
        return chain.proceed(call);
    }

    private static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "Checkpoints[" + workspace.root() + " -> " + store + "]";
    }
}
