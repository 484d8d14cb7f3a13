// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openagention.core.tool.Description;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolResult.ErrorKind;
import org.openagention.tools.Workspace;
import org.openagention.tools.WorkspaceException;
import org.openagention.tools.internal.HostPaths;

/** The {@code glob} tool over one backend. */
final class GlobTool {
    static final String NAME = "glob";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 5000;

    record Args(
            @Description("Glob matched against paths relative to path: * and ? within a directory, ** across "
                    + "directories, {a,b} alternatives, e.g. \"**/*.java\" or \"src/*/test/**/*Test.{java,kt}\"")
            String pattern,
            @Description("Directory to search, relative to the workspace root; default the root")
            Optional<String> path,
            @Description("At most this many files; default 100")
            Optional<Integer> limit) {}

    private GlobTool() {}

    static Tool create(Workspace workspace, Searcher searcher) {
        String description = "Finds files by name pattern (" + searcher.name() + " backend). Returns workspace-relative "
                + "paths, newest modification first, capped with a note of how many were left out. .gitignore is "
                + "honoured and .git is skipped; hidden files are skipped unless the pattern names a hidden segment "
                + "(\".github/**\").";
        return Tool.readOnly(NAME, description, Args.class,
                HostPaths.hidden(workspace, NAME, (args, ctx) -> run(workspace, searcher, args, ctx)));
    }

    static ToolResult run(Workspace workspace, Searcher searcher, Args args, ToolContext ctx) throws Exception {
        String glob = args.pattern() == null ? "" : args.pattern().trim();
        if (glob.isEmpty()) {
            return invalid("pattern is empty: give a glob such as **/*.java");
        }
        if (glob.startsWith("/") || glob.equals("..") || glob.startsWith("../") || glob.contains("/../")
                || glob.endsWith("/..")) {
            return invalid("pattern '" + glob + "' must be relative to path and stay inside it; use path to pick the directory");
        }
        int limit = args.limit().orElse(DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            return invalid("limit must be between 1 and " + MAX_LIMIT + " but was " + limit);
        }
        Path base;
        try {
            base = workspace.resolve(args.path().orElse("."));
        } catch (WorkspaceException e) {
            return HostPaths.refusal(e, ErrorKind.INVALID_ARGUMENTS);
        }
        if (!Files.isDirectory(base)) {
            return ToolResult.error("path '" + args.path().orElse(".") + "' is not a directory in the workspace");
        }
        Pattern matcher;
        try {
            matcher = GlobPattern.compile(glob.startsWith("./") ? glob.substring(2) : glob, true, false);
        } catch (IllegalArgumentException e) {
            return invalid(e.getMessage());
        }
        boolean hidden = namesHidden(glob);
        List<Searcher.FoundFile> found = searcher.files(base, hidden, ctx::isCancelled).stream()
                .filter(f -> matcher.matcher(f.path()).matches())
                .sorted(Comparator.comparingLong(Searcher.FoundFile::modifiedMillis).reversed()
                        .thenComparing(Searcher.FoundFile::path))
                .toList();
        if (ctx.isCancelled()) {
            return ToolResult.error(ErrorKind.CANCELLED, "glob was cancelled");
        }
        if (found.isEmpty()) {
            return ToolResult.success("No files match " + glob + " in " + args.path().orElse(".") + ".");
        }
        String prefix = workspace.relativize(base);
        prefix = prefix.isEmpty() ? "" : prefix + "/";
        StringBuilder out = new StringBuilder();
        for (Searcher.FoundFile f : found.subList(0, Math.min(limit, found.size()))) {
            out.append(prefix).append(f.path()).append('\n');
        }
        if (found.size() > limit) {
            out.append("\n[").append(limit).append(" of ").append(found.size()).append(" files shown (newest first), ")
                    .append(found.size() - limit).append(" omitted. Narrow the pattern or path, or raise limit.]\n");
        }
        return ToolResult.success(out.toString());
    }

    /** Whether a segment of the glob starts with a dot (other than . and ..), asking for hidden files. */
    static boolean namesHidden(String glob) {
        for (String segment : glob.split("/")) {
            if (segment.startsWith(".") && !segment.equals(".") && !segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static ToolResult invalid(String message) {
        return ToolResult.error(ErrorKind.INVALID_ARGUMENTS, message);
    }
}
