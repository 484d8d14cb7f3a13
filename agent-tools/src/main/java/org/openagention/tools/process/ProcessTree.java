// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A started process and every process it spawned, ended together: the one way this SDK ends a
 * process tree (the {@code shell} tool, acceptance checks, git calls and MCP servers use it).
 *
 * <p>A process started by {@link Command#run} leads its own session ({@code setsid}, where
 * installed): killing means SIGKILL to every process of that session (found through
 * {@code /proc}), which catches background jobs, {@code nohup} children and orphans that were
 * re-parented away. For any process, and as a fallback (no {@code /proc}, or a child that started
 * its own session), every descendant ever seen by {@link #snapshot()} is killed too;
 * {@link ProcessHandle} checks the start time, so a reused pid is never hit. If the JVM itself is
 * killed while such a command runs, a watcher process started with the first command kills the
 * command's session when the JVM's end closes its input.
 *
 * <pre>{@code
 * Process server = new ProcessBuilder("npx", "some-server").start();
 * ProcessTree tree = ProcessTree.of(server);
 * // ... later: TERM to the whole tree, KILL whatever is left after the grace period
 * tree.terminate(Duration.ofSeconds(3));
 * }</pre>
 *
 * Thread-safe.
 */
public final class ProcessTree {
    private static final Path PROC = Path.of("/proc");

    private final Process process;
    private final long sessionId;
    private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();

    private ProcessTree(Process process, long sessionId) {
        this.process = process;
        this.sessionId = sessionId;
    }

    /** Tracks {@code process} and its descendants (those alive now, and those seen by later snapshots). */
    public static ProcessTree of(Process process) {
        ProcessTree tree = new ProcessTree(Objects.requireNonNull(process, "process"), -1);
        tree.snapshot();
        return tree;
    }

    /** Tracks {@code process}; {@code ownSession} says it was started under setsid. */
    static ProcessTree of(Process process, boolean ownSession) {
        // setsid calls setsid(2) and execs in place (a child of the JVM never leads a process
        // group, so setsid need not fork): the session id is the pid, even before setsid has run.
        return new ProcessTree(process, ownSession ? process.pid() : -1);
    }

    /** Remembers the current descendants, so they can be killed after they are re-parented. */
    public void snapshot() {
        try {
            process.descendants().forEach(seen::add);
        } catch (RuntimeException ignored) {
            // The process table changed under us; the next snapshot catches up.
        }
    }

    /**
     * Asks the process and everything it started to end (SIGTERM), waits up to {@code grace} for
     * them, then {@linkplain #kill kills} whatever is left.
     */
    public void terminate(Duration grace) {
        snapshot();
        List<ProcessHandle> all = alive();
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle h : all) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                h.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception notYet) {
                // Killed below.
            }
        }
        kill();
    }

    /** Kills (SIGKILL) the process and everything it started, then waits (bounded) until they are gone. */
    public void kill() {
        snapshot();
        for (int round = 0; round < 20; round++) {
            List<ProcessHandle> alive = alive();
            if (alive.isEmpty()) {
                return;
            }
            alive.forEach(h -> {
                h.descendants().forEach(seen::add);
                h.destroyForcibly();
            });
            alive.forEach(ProcessTree::awaitGone);
        }
    }

    private List<ProcessHandle> alive() {
        List<ProcessHandle> alive = new ArrayList<>();
        if (process.isAlive()) {
            alive.add(process.toHandle());
        }
        alive.addAll(sessionMembers());
        seen.stream().filter(h -> !isGone(h)).forEach(alive::add);
        return alive;
    }

    private List<ProcessHandle> sessionMembers() {
        List<ProcessHandle> members = new ArrayList<>();
        if (sessionId <= 0 || !Files.isDirectory(PROC)) {
            return members;
        }
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(p -> p.getFileName().toString())
                    .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
                    .mapToLong(Long::parseLong)
                    .filter(pid -> groupAndSession(pid).map(ids -> ids[1] == sessionId).orElse(false))
                    .forEach(pid -> ProcessHandle.of(pid).filter(h -> !isGone(h)).ifPresent(members::add));
        } catch (IOException | RuntimeException e) {
            // Fall back to the descendants seen so far.
        }
        return members;
    }

    /** Whether a process has ended: not alive, or a zombie that nobody has reaped yet. */
    public static boolean isGone(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return true;
        }
        return state(handle.pid()).map(s -> s == 'Z' || s == 'X').orElse(false);
    }

    private static void awaitGone(ProcessHandle handle) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!isGone(handle) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            try {
                handle.onExit().get(10, TimeUnit.MILLISECONDS);
            } catch (Exception notYet) {
                // Zombies never "exit" for onExit; isGone sees them.
            }
        }
    }

    private static Optional<String[]> stat(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            int close = stat.lastIndexOf(')');
            return close < 0 ? Optional.empty() : Optional.of(stat.substring(close + 2).split(" "));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Character> state(long pid) {
        return stat(pid).filter(f -> f.length > 0 && !f[0].isEmpty()).map(f -> f[0].charAt(0));
    }

    /** {process group, session} of {@code pid}, from /proc. */
    private static Optional<long[]> groupAndSession(long pid) {
        return stat(pid).filter(f -> f.length > 3).map(f -> new long[] {Long.parseLong(f[2]), Long.parseLong(f[3])});
    }
}
