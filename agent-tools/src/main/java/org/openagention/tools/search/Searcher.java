// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.search;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A search backend: ripgrep ({@link RipgrepSearcher}) or pure Java ({@link JavaSearcher}). Both
 * walk the same files (the {@link WalkFilter} rules) and report the same lines; the tools format
 * whatever either returns the same way.
 */
interface Searcher {
    /** A file found by {@link #files}: its path relative to the base, and its modification time in ms. */
    record FoundFile(String path, long modifiedMillis) {}

    /**
     * Runs {@code query}, feeding each matching file to {@code sink}.
     *
     * @throws java.util.regex.PatternSyntaxException when the regex is not valid for this backend
     *     and no other backend accepted it
     */
    void grep(GrepQuery query, GrepCollector sink, BooleanSupplier cancelled) throws Exception;

    /** Lists the files under {@code base} that the walk rules admit. */
    List<FoundFile> files(Path base, boolean includeHidden, BooleanSupplier cancelled) throws Exception;

    /** A short name for messages and benchmarks. */
    String name();
}
