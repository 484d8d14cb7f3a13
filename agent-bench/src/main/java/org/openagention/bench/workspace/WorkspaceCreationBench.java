// SPDX-License-Identifier: Apache-2.0
package org.openagention.bench.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.openagention.tools.Workspace;
import org.openagention.tools.WorktreeManager;

/**
 * Workspace creation on the JDK source tree: {@link WorktreeManager#create} against plain
 * {@code git worktree add}, and the cost of a lazy workspace for a task that only reads (no
 * worktree made). Run on demand, never in CI:
 *
 * <pre>
 * java -cp ... org.openagention.bench.workspace.WorkspaceCreationBench [src.zip] [rounds]
 * </pre>
 *
 * The tree is the running JDK's {@code lib/src.zip} unpacked into a fresh repository and
 * committed once during setup; the repository is deleted at the end.
 */
public final class WorkspaceCreationBench {
    private WorkspaceCreationBench() {}

    public static void main(String[] args) throws Exception {
        Path zip = args.length > 0 ? Path.of(args[0]) : Path.of(System.getProperty("java.home"), "lib", "src.zip");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        if (!Files.isRegularFile(zip)) {
            System.err.println("No JDK sources at " + zip + ": pass the path of a src.zip, or run on a JDK that has"
                    + " lib/src.zip (this JDK: " + System.getProperty("java.home") + ")");
            System.exit(2);
        }
        Path work = Files.createTempDirectory("openagention-bench-");
        try {
            run(zip, rounds, work);
        } finally {
            delete(work);
        }
    }

    private static void run(Path zip, int rounds, Path work) throws Exception {
        Path repo = Files.createDirectories(work.resolve("jdk-src"));
        long t0 = System.nanoTime();
        List<String> files = unzip(zip, repo);
        long unzipped = System.nanoTime();
        git(repo, "init", "-q", "-b", "main");
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=bench", "-c", "user.email=bench@localhost", "-c", "commit.gpgsign=false",
                "commit", "-q", "-m", "JDK sources");
        long committed = System.nanoTime();
        System.out.printf("setup: %d files from %s unpacked in %.2f s, committed in %.2f s (JDK %s, %d cores)%n",
                files.size(), zip, secs(unzipped - t0), secs(committed - unzipped), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());

        WorktreeManager manager = WorktreeManager.open(repo, work.resolve("managed"));
        Path plainDir = Files.createDirectories(work.resolve("plain"));
        List<String> sample = sample(files, 200);
        List<Long> plain = new ArrayList<>();
        List<Long> managed = new ArrayList<>();
        List<Long> lazyRead = new ArrayList<>();
        List<Long> localRead = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) { // round 0 warms up and is not counted
            int i = round;
            Path dir = plainDir.resolve("w" + i);
            long p = time(() -> git(repo, "worktree", "add", "-q", "-b", "plain-" + i, dir.toString(), "HEAD"));
            git(repo, "worktree", "remove", "--force", dir.toString());
            git(repo, "branch", "-D", "plain-" + i);

            long m = time(() -> manager.create("bench-" + i).path());
            manager.discard("bench-" + i);

            long lazy = time(() -> readAll(manager.lazyWorkspace("reader-" + i), sample));
            if (manager.find("reader-" + i).isPresent() || git(repo, "worktree", "list").lines().count() != 1) {
                throw new IllegalStateException("a read-only task made a worktree");
            }
            long local = time(() -> readAll(Workspace.local(repo), sample));
            if (i > 0) {
                plain.add(p);
                managed.add(m);
                lazyRead.add(lazy);
                localRead.add(local);
            }
        }
        long copy = time(() -> {
            try (Workspace c = Workspace.copy(repo)) {
                return c.root();
            }
        });
        manager.cleanupOrphaned(Set.of());

        double plainMs = median(plain);
        double managedMs = median(managed);
        System.out.printf("git worktree add (plain):          median %8.1f ms over %d rounds%n", plainMs, rounds);
        System.out.printf("WorktreeManager.create:            median %8.1f ms  (%.2fx plain)%n", managedMs,
                managedMs / plainMs);
        System.out.printf("read-only task, lazy workspace:    median %8.2f ms for %d reads, 0 worktrees made"
                + "  (%.4fx plain worktree add)%n", median(lazyRead), sample.size(), median(lazyRead) / plainMs);
        System.out.printf("same reads on Workspace.local:     median %8.2f ms  (lazy/local %.2fx)%n",
                median(localRead), median(lazyRead) / median(localRead));
        System.out.printf("Workspace.copy of the tree (once): %8.1f ms  (%.1fx plain worktree add)%n",
                copy / 1e6, copy / 1e6 / plainMs);
    }

    private static String readAll(Workspace ws, List<String> paths) {
        long bytes = 0;
        try {
            for (String p : paths) {
                bytes += Files.size(ws.resolve(p));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return ws.root() + ":" + bytes;
    }

    private static List<String> sample(List<String> files, int n) {
        List<String> shuffled = new ArrayList<>(files);
        Collections.shuffle(shuffled, new java.util.Random(42));
        return shuffled.subList(0, Math.min(n, shuffled.size()));
    }

    private static List<String> unzip(Path zip, Path into) throws IOException {
        List<String> files = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry escapes: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                    files.add(into.relativize(target).toString());
                }
            }
        }
        return files;
    }

    private static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run git", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long time(Supplier<?> work) {
        long t = System.nanoTime();
        Object result = work.get();
        long elapsed = System.nanoTime() - t;
        if (result == null) {
            throw new IllegalStateException("no result");
        }
        return elapsed;
    }

    private static double median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int n = sorted.size();
        double mid = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return mid / 1e6;
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
