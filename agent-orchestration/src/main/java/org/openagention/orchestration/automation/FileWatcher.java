// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.automation;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.openagention.core.ConfigurationException;

/**
 * Watches a directory tree with a {@link WatchService} on its own daemon thread, and fires one
 * event per burst of changes: a change (re)starts the debounce timer, and when it runs out the
 * changed paths go out together.
 */
final class FileWatcher implements AutoCloseable {
    private final Trigger.FileChanges trigger;
    private final Path root;
    private final Ticker ticker;
    private final Consumer<TriggerEvent> fire;
    private final Consumer<String> problem;
    private final Clock clock;
    private final WatchService watch;
    private final Map<WatchKey, Path> dirs = new ConcurrentHashMap<>();
    private final TreeSet<String> pending = new TreeSet<>();
    private final Thread thread;
    private Ticker.Cancellable timer;
    private boolean overflowed;

    private FileWatcher(Trigger.FileChanges trigger, Path root, Ticker ticker, Consumer<TriggerEvent> fire,
            Consumer<String> problem, Clock clock, String name) throws IOException {
        this.trigger = trigger;
        this.root = root;
        this.ticker = ticker;
        this.fire = fire;
        this.problem = problem;
        this.clock = clock;
        this.watch = root.getFileSystem().newWatchService();
        registerTree(root, false);
        this.thread = new Thread(this::loop, "automation-watch-" + name);
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching.
     *
     * @throws ConfigurationException when the directory does not exist or cannot be watched
     */
    static FileWatcher start(Trigger.FileChanges trigger, Ticker ticker, Consumer<TriggerEvent> fire,
            Consumer<String> problem, Clock clock, String name) {
        Path dir = trigger.directory();
        if (!Files.isDirectory(dir)) {
            throw new ConfigurationException("cannot watch " + dir + ": it is not a directory");
        }
        try {
            FileWatcher w = new FileWatcher(trigger, dir.toRealPath(), ticker, fire, problem, clock, name);
            w.thread.start();
            return w;
        } catch (IOException e) {
            throw new ConfigurationException("cannot watch " + dir + ": " + e.getMessage(), e);
        }
    }

    private void loop() {
        while (true) {
            WatchKey key;
            try {
                key = watch.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            Path dir = dirs.get(key);
            List<String> changed = new ArrayList<>();
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == OVERFLOW) {
                    synchronized (this) {
                        overflowed = true;
                    }
                    continue;
                }
                if (dir == null) {
                    continue;
                }
                Path path = dir.resolve((Path) event.context());
                if (isIgnored(path)) {
                    continue;
                }
                changed.add(root.relativize(path).toString().replace('\\', '/'));
                if (event.kind() == ENTRY_CREATE && Files.isDirectory(path)) {
                    changed.addAll(registerTree(path, true));
                }
            }
            if (!key.reset()) {
                dirs.remove(key);
            }
            if (!changed.isEmpty() || overflowedNow()) {
                changed(changed);
            }
        }
    }

    private synchronized boolean overflowedNow() {
        return overflowed;
    }

    private boolean isIgnored(Path path) {
        Path rel = root.relativize(path);
        return rel.getNameCount() > 0 && rel.getName(0).toString().equals(".git");
    }

    /** Registers {@code dir} and every directory below it; returns the files found in new directories. */
    private List<String> registerTree(Path dir, boolean listFiles) {
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (isIgnored(p)) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    dirs.put(p.register(watch, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE), p);
                } else if (listFiles) {
                    files.add(root.relativize(p).toString().replace('\\', '/'));
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!listFiles) {
                throw new ConfigurationException("cannot watch " + dir + ": " + e.getMessage(), e);
            }
            problem.accept("cannot watch new directory " + dir + ": " + e.getMessage());
        }
        return files;
    }

    private synchronized void changed(List<String> paths) {
        pending.addAll(paths);
        if (timer != null) {
            timer.cancel();
        }
        timer = ticker.after(trigger.debounce(), this::flush);
    }

    private void flush() {
        List<String> paths;
        boolean lost;
        synchronized (this) {
            if (pending.isEmpty() && !overflowed) {
                return;
            }
            paths = new ArrayList<>(pending);
            lost = overflowed;
            pending.clear();
            overflowed = false;
            timer = null;
        }
        if (lost) {
            paths.add("(some changes were not reported individually: the watch queue overflowed)");
        }
        int n = lost ? paths.size() - 1 : paths.size();
        fire.accept(new TriggerEvent(n + (n == 1 ? " path" : " paths") + " changed under " + root, paths, clock.instant()));
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException e) {
            problem.accept("closing the watch of " + root + " failed: " + e.getMessage());
        }
        thread.interrupt();
        synchronized (this) {
            if (timer != null) {
                timer.cancel();
            }
        }
    }
}
