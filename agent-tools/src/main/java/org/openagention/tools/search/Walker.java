// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.search;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.function.BooleanSupplier;

/**
 * A parallel directory walk on a fork/join pool: each directory is a task, its subdirectories
 * forked, its files handed to the visitor on the worker thread. Unreadable entries are skipped
 * silently, as ripgrep does with {@code --no-messages}.
 */
final class Walker {
    /** One pool for all searches; its workers are daemon threads. */
    static final ForkJoinPool POOL = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()));

    /** Receives files; called from several threads at once. */
    interface Visitor {
        void file(Path file, String rel, BasicFileAttributes attrs);
    }

    private final Path base;
    private final WalkFilter filter;
    private final BooleanSupplier cancelled;

    Walker(Path base, WalkFilter filter, BooleanSupplier cancelled) {
        this.base = base;
        this.filter = filter;
        this.cancelled = cancelled;
    }

    void walk(Visitor visitor) {
        POOL.invoke(new DirTask(base, "", WalkFilter.Chain.forBase(base), visitor));
    }

    private record Pending(Path path, String rel, BasicFileAttributes attrs) {}

    private final class DirTask extends RecursiveAction {
        private final Path dir;
        private final String rel;
        private final WalkFilter.Chain ignores;
        private final Visitor visitor;

        DirTask(Path dir, String rel, WalkFilter.Chain ignores, Visitor visitor) {
            this.dir = dir;
            this.rel = rel;
            this.ignores = ignores;
            this.visitor = visitor;
        }

        @Override
        protected void compute() {
            if (cancelled.getAsBoolean()) {
                return;
            }
            WalkFilter.Chain chain = rel.isEmpty() ? ignores : WalkFilter.Chain.enter(ignores, dir, rel);
            List<DirTask> subdirs = new ArrayList<>();
            List<Pending> files = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    BasicFileAttributes attrs;
                    try {
                        attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    } catch (IOException gone) {
                        continue;
                    }
                    if (attrs.isSymbolicLink() || !(attrs.isDirectory() || attrs.isRegularFile())) {
                        continue;
                    }
                    String name = entry.getFileName().toString();
                    String childRel = rel.isEmpty() ? name : rel + "/" + name;
                    if (!filter.accept(childRel, name, attrs.isDirectory(), chain)) {
                        continue;
                    }
                    if (attrs.isDirectory()) {
                        subdirs.add(new DirTask(entry, childRel, chain, visitor));
                    } else {
                        files.add(new Pending(entry, childRel, attrs));
                    }
                }
            } catch (IOException | RuntimeException unreadable) {
                return;
            }
            for (DirTask t : subdirs) {
                t.fork();
            }
            for (Pending f : files) {
                if (cancelled.getAsBoolean()) {
                    break;
                }
                visitor.file(f.path(), f.rel(), f.attrs());
            }
            for (DirTask t : subdirs) {
                t.join();
            }
        }
    }
}
