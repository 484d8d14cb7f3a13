// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.shell;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The bubblewrap ({@code bwrap}) sandbox the {@code shell} tool uses when
 * {@link ShellOptions#sandboxed()} is on, and whether it can run on this machine.
 *
 * <p>A sandboxed command sees the whole file system read-only, the workspace read-write, its own
 * empty {@code /tmp}, fresh {@code /proc} and {@code /dev}, no network (its own network namespace
 * with nothing in it) and its own pid namespace; it dies with the tool's process.
 *
 * <p>Availability is found once per JVM: bwrap must be on the {@code PATH} and a trial run must
 * succeed (bwrap exists but fails where user namespaces are disabled, in some containers).
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * Sandbox sandbox = Sandbox.bubblewrap();
 * if (!sandbox.isAvailable()) {
 *     System.err.println("no sandbox: " + sandbox.unavailableReason().orElseThrow());
 * }
 * }</pre>
 */
public final class Sandbox {
    private static volatile Sandbox detected;

    private final Path executable;
    private final String unavailableReason;

    private Sandbox(Path executable, String unavailableReason) {
        this.executable = executable;
        this.unavailableReason = unavailableReason;
    }

    /** The bubblewrap sandbox of this machine (detected on first use, then cached). */
    public static Sandbox bubblewrap() {
        Sandbox s = detected;
        if (s == null) {
            synchronized (Sandbox.class) {
                s = detected;
                if (s == null) {
                    Optional<Path> bwrap = onPath("bwrap");
                    s = bwrap.isPresent() ? probe(bwrap.get())
                            : new Sandbox(null, "bubblewrap (bwrap) is not installed or not on the PATH; "
                                    + "install it (for example: apt-get install bubblewrap) to run sandboxed commands");
                    detected = s;
                }
            }
        }
        return s;
    }

    /** Whether sandboxed commands can run. */
    public boolean isAvailable() {
        return unavailableReason == null;
    }

    /** Why sandboxed commands cannot run, when they cannot. */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailableReason);
    }

    /**
     * Throws when the sandbox cannot run.
     *
     * @throws SandboxUnavailableException naming the reason
     */
    public void requireAvailable() {
        if (unavailableReason != null) {
            throw new SandboxUnavailableException("sandboxed shell refused: " + unavailableReason
                    + ". Commands are never run unsandboxed in its place.");
        }
    }

    /** Tries {@code executable} as bwrap with a trial run; package-private so tests can point elsewhere. */
    static Sandbox probe(Path executable) {
        Objects.requireNonNull(executable, "executable");
        if (!Files.isExecutable(executable)) {
            return new Sandbox(null, "bubblewrap was expected at " + executable + " but there is no executable there");
        }
        Path trialRoot = null;
        try {
            trialRoot = Files.createTempDirectory("openagention-bwrap-probe");
            List<String> argv = new ArrayList<>(new Sandbox(executable, null).prefix(trialRoot.toRealPath()));
            argv.add("/bin/sh");
            argv.add("-c");
            argv.add("true");
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Sandbox(null, "a trial run of bwrap did not finish within 20 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                return new Sandbox(null, "bwrap is installed at " + executable + " but cannot create a sandbox here (exit "
                        + p.exitValue() + (out.isEmpty() ? "" : ": " + out)
                        + "); user namespaces may be disabled on this machine");
            }
            return new Sandbox(executable, null);
        } catch (IOException e) {
            return new Sandbox(null, "could not run bwrap at " + executable + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sandbox(null, "interrupted while trying bwrap");
        } finally {
            if (trialRoot != null) {
                try {
                    Files.deleteIfExists(trialRoot);
                } catch (IOException ignored) {
                    // A leftover empty temp directory is harmless.
                }
            }
        }
    }

    /** The argv that runs a command inside the sandbox with {@code workspace} writable; append the command. */
    List<String> prefix(Path workspace) {
        requireAvailable();
        String ws = workspace.toString();
        return List.of(executable.toString(),
                "--ro-bind", "/", "/",
                "--dev", "/dev",
                "--proc", "/proc",
                "--tmpfs", "/tmp",
                "--bind", ws, ws,
                "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                "--die-with-parent",
                "--chdir", ws,
                "--");
    }

    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return isAvailable() ? "Sandbox[bubblewrap at " + executable + "]" : "Sandbox[unavailable: " + unavailableReason + "]";
    }
}
