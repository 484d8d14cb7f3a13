// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides which entries a walk visits, in ripgrep's order: {@code --glob} overrides first (a
 * match decides; with include globs, an unmatched file is skipped), then .gitignore files
 * (deepest first; a negation re-includes), then the type filter (files only), then hidden names
 * (skipped unless something above explicitly included them). {@code .git} and symbolic links are
 * never visited. Immutable and thread-safe.
 */
final class WalkFilter {
    private final IgnoreFile overrides;
    private final int includeGlobs;
    private final List<Pattern> typeGlobs;
    private final boolean hidden;

    WalkFilter(List<String> globs, List<String> typeGlobs, boolean includeHidden) {
        this.overrides = IgnoreFile.of(globs.stream()
                .map(g -> g.startsWith("!") ? g.substring(1) : "!" + g).toList(), true);
        this.includeGlobs = overrides.negatedCount();
        this.typeGlobs = typeGlobs.stream().map(g -> GlobPattern.compile(g, true, false)).toList();
        this.hidden = includeHidden;
    }

    /** Whether to visit an entry; {@code rel} is relative to the walk's base, {@code name} its last segment. */
    boolean accept(String rel, String name, boolean isDir, Chain ignores) {
        if (isDir && name.equals(".git")) {
            return false;
        }
        if (!overrides.isEmpty()) {
            IgnoreFile.Match m = overrides.match(rel, isDir);
            // Include globs are stored negated (a "whitelist" in gitignore terms).
            if (m == IgnoreFile.Match.WHITELIST) {
                return true;
            }
            if (m == IgnoreFile.Match.IGNORE) {
                return false;
            }
            if (includeGlobs > 0 && !isDir) {
                return false;
            }
        }
        boolean whitelisted = false;
        IgnoreFile.Match g = ignores == null ? IgnoreFile.Match.NONE : ignores.match(rel, isDir);
        if (g == IgnoreFile.Match.IGNORE) {
            return false;
        }
        whitelisted = g == IgnoreFile.Match.WHITELIST;
        if (!typeGlobs.isEmpty() && !isDir) {
            boolean typed = false;
            for (Pattern p : typeGlobs) {
                if (p.matcher(name).matches()) {
                    typed = true;
                    break;
                }
            }
            if (!typed) {
                return false;
            }
            whitelisted = true;
        }
        return whitelisted || hidden || !name.startsWith(".");
    }

    /**
     * The .gitignore files that apply in one directory, innermost first. {@code strip} is the
     * directory of the file relative to the walk base (its rules see paths below it); {@code prepend}
     * is the base relative to a file found above the base.
     */
    static final class Chain {
        private final IgnoreFile file;
        private final String strip;
        private final String prepend;
        private final Chain parent;

        private Chain(IgnoreFile file, String strip, String prepend, Chain parent) {
            this.file = file;
            this.strip = strip;
            this.prepend = prepend;
            this.parent = parent;
        }

        /** The chain for the walk base: .gitignore files of the base and of every directory above it. */
        static Chain forBase(Path base) {
            Chain chain = null;
            List<Path> ancestors = new java.util.ArrayList<>();
            for (Path p = base.getParent(); p != null; p = p.getParent()) {
                ancestors.add(0, p);
            }
            for (Path dir : ancestors) {
                IgnoreFile f = read(dir);
                if (f != null) {
                    chain = new Chain(f, null, dir.relativize(base).toString().replace('\\', '/'), chain);
                }
            }
            IgnoreFile own = read(base);
            return own == null ? chain : new Chain(own, "", null, chain);
        }

        /** This chain extended with the .gitignore of {@code dir} (relative path {@code rel}), if any. */
        static Chain enter(Chain chain, Path dir, String rel) {
            IgnoreFile f = read(dir);
            return f == null ? chain : new Chain(f, rel, null, chain);
        }

        IgnoreFile.Match match(String rel, boolean isDir) {
            for (Chain c = this; c != null; c = c.parent) {
                String local;
                if (c.prepend != null) {
                    local = c.prepend + "/" + rel;
                } else if (c.strip.isEmpty()) {
                    local = rel;
                } else {
                    local = rel.substring(c.strip.length() + 1);
                }
                IgnoreFile.Match m = c.file.match(local, isDir);
                if (m != IgnoreFile.Match.NONE) {
                    return m;
                }
            }
            return IgnoreFile.Match.NONE;
        }

        private static IgnoreFile read(Path dir) {
            Path file = dir.resolve(".gitignore");
            if (!Files.isRegularFile(file)) {
                return null;
            }
            try {
                IgnoreFile f = IgnoreFile.parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
                return f.isEmpty() ? null : f;
            } catch (IOException | IllegalArgumentException unreadable) {
                return null;
            }
        }
    }
}
