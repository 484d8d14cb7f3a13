// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;
import org.openagention.core.tool.Description;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolResult.ErrorKind;
import org.openagention.tools.Workspace;
import org.openagention.tools.WorkspaceException;
import org.openagention.tools.internal.HostPaths;

/** The {@code grep} tool over one backend. */
final class GrepTool {
    static final String NAME = "grep";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 5000;
    static final int MAX_CONTEXT = 50;

    record Args(
            @Description("Regular expression to search for, matched within single lines (Java/ripgrep syntax)")
            String pattern,
            @Description("File or directory to search, relative to the workspace root; default the root")
            Optional<String> path,
            @Description("Only files matching this glob, e.g. \"*.java\" or \"src/**/*.{ts,tsx}\"; prefix ! to exclude; several separated by spaces")
            Optional<String> glob,
            @Description("Only files of this type: java, js, ts, py, go, rust, md, json, xml, yaml, ...")
            Optional<String> type,
            @JsonProperty("output_mode")
            @Description("content (matching lines, the default), files_with_matches (paths only) or count (matching lines per file)")
            Optional<String> outputMode,
            @JsonProperty("case_insensitive") @Description("Ignore case")
            Optional<Boolean> caseInsensitive,
            @Description("Lines of context before and after each match (content mode)")
            Optional<Integer> context,
            @JsonProperty("context_before") @Description("Lines of context before each match (content mode)")
            Optional<Integer> contextBefore,
            @JsonProperty("context_after") @Description("Lines of context after each match (content mode)")
            Optional<Integer> contextAfter,
            @JsonProperty("line_numbers") @Description("Show line numbers (content mode); default true")
            Optional<Boolean> lineNumbers,
            @JsonProperty("head_limit")
            @Description("At most this many matching lines (content) or files (other modes); default 100")
            Optional<Integer> headLimit) {}

    private GrepTool() {}

    static Tool create(Workspace workspace, Searcher searcher) {
        String description = "Searches file contents with a regular expression (" + searcher.name() + " backend). "
                + ".gitignore is honoured; hidden files, .git and binary files are skipped. Results are sorted by path, "
                + "shown as path:line:text (context lines as path-line-text, groups separated by --), and capped by "
                + "head_limit with a note of how much was left out. Types: " + FileTypes.names() + ".";
        return Tool.readOnly(NAME, description, Args.class,
                HostPaths.hidden(workspace, NAME, (args, ctx) -> run(workspace, searcher, args, ctx)));
    }

    static ToolResult run(Workspace workspace, Searcher searcher, Args args, ToolContext ctx) throws Exception {
        if (args.pattern() == null || args.pattern().isEmpty()) {
            return invalid("pattern is empty: give a regular expression to search for");
        }
        Path target;
        try {
            target = workspace.resolve(args.path().orElse("."));
        } catch (WorkspaceException e) {
            return HostPaths.refusal(e, ErrorKind.INVALID_ARGUMENTS);
        }
        if (!Files.exists(target)) {
            return ToolResult.error("path '" + args.path().orElse(".") + "' does not exist in the workspace");
        }
        OutputMode mode = OutputMode.CONTENT;
        if (args.outputMode().isPresent()) {
            Optional<OutputMode> parsed = OutputMode.parse(args.outputMode().get());
            if (parsed.isEmpty()) {
                return invalid("output_mode '" + args.outputMode().get() + "' is not one of content, files_with_matches, count");
            }
            mode = parsed.get();
        }
        List<String> typeGlobs = List.of();
        if (args.type().isPresent()) {
            Optional<List<String>> globs = FileTypes.globs(args.type().get());
            if (globs.isEmpty()) {
                return invalid("type '" + args.type().get() + "' is not known; known types: " + FileTypes.names());
            }
            typeGlobs = globs.get();
        }
        int context = args.context().orElse(0);
        int before = args.contextBefore().orElse(context);
        int after = args.contextAfter().orElse(context);
        int limit = args.headLimit().orElse(DEFAULT_LIMIT);
        for (int[] v : new int[][] {{context}, {before}, {after}}) {
            if (v[0] < 0 || v[0] > MAX_CONTEXT) {
                return invalid("context lines must be between 0 and " + MAX_CONTEXT + " but were " + v[0]);
            }
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return invalid("head_limit must be between 1 and " + MAX_LIMIT + " but was " + limit);
        }
        List<String> globs = new ArrayList<>();
        args.glob().ifPresent(g -> globs.addAll(Arrays.asList(g.trim().split("\\s+"))));
        globs.removeIf(String::isEmpty);
        for (String g : globs) {
            try {
                GlobPattern.compile(g.startsWith("!") ? g.substring(1) : g, true, false);
            } catch (IllegalArgumentException e) {
                return invalid(e.getMessage());
            }
        }
        boolean singleFile = Files.isRegularFile(target);
        Path base = singleFile ? target.getParent() : target;
        GrepQuery query = new GrepQuery(args.pattern(), base, globs, typeGlobs, args.caseInsensitive().orElse(false),
                before, after, mode);
        GrepCollector collector = new GrepCollector(mode, limit, after);
        try {
            if (singleFile) {
                JavaSearcher.searchOne(target, query, collector);
            } else {
                searcher.grep(query, collector, ctx::isCancelled);
            }
        } catch (PatternSyntaxException e) {
            return invalid("pattern is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex()
                    + " of " + e.getPattern());
        }
        if (ctx.isCancelled()) {
            return ToolResult.error(ErrorKind.CANCELLED, "grep was cancelled");
        }
        String prefix = workspace.relativize(base);
        prefix = prefix.isEmpty() ? "" : prefix + "/";
        if (collector.isEmpty()) {
            return ToolResult.success("No matches for " + args.pattern() + " in " + (args.path().orElse(".")) + ".");
        }
        return ToolResult.success(collector.format(prefix, args.lineNumbers().orElse(true), before > 0 || after > 0));
    }

    private static ToolResult invalid(String message) {
        return ToolResult.error(ErrorKind.INVALID_ARGUMENTS, message);
    }
}
