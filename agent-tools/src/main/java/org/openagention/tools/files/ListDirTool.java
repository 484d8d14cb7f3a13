// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openagention.core.tool.Description;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.tools.Workspace;
import org.openagention.tools.WorkspaceException;
import org.openagention.tools.internal.HostPaths;

/** {@code list_dir}: a directory's entries with type and size, directories first, to a bounded depth. */
final class ListDirTool {
    static final int MAX_DEPTH = 5;
    static final int MAX_ENTRIES = 500;

    record Args(
            @Description("Directory to list, relative to the workspace root (default: the root)") Optional<String> path,
            @Description("How many levels to descend (default 1, at most " + MAX_DEPTH + ")") Optional<Integer> depth) {}

    private final Workspace workspace;

    private ListDirTool(Workspace workspace) {
        this.workspace = workspace;
    }

    static Tool create(Workspace workspace) {
        ListDirTool tool = new ListDirTool(workspace);
        return Tool.readOnly("list_dir",
                "Lists a directory: directories first (marked with a trailing /), then files with their sizes, "
                        + "symbolic links with their targets. depth > 1 shows subdirectories indented. The .git "
                        + "directory is hidden; at most " + MAX_ENTRIES + " entries are shown.",
                Args.class, HostPaths.hidden(workspace, "list_dir", (args, ctx) -> tool.list(args)));
    }

    private ToolResult list(Args args) throws IOException {
        String display = args.path().filter(p -> !p.isBlank()).orElse(".");
        int depth = args.depth().orElse(1);
        if (depth < 1 || depth > MAX_DEPTH) {
            return ToolResult.error("depth must be between 1 and " + MAX_DEPTH + "; got " + depth + ".");
        }
        Path dir;
        try {
            dir = workspace.resolve(display);
        } catch (WorkspaceException e) {
            return HostPaths.refusal(e, ToolResult.ErrorKind.TOOL_FAILED);
        }
        if (!Files.exists(dir)) {
            return ToolResult.error("Directory not found: " + display + Suggestions.similarNames(dir));
        }
        if (!Files.isDirectory(dir)) {
            return ToolResult.error(display + " is a file, not a directory. Use read_file to read it.");
        }
        StringBuilder out = new StringBuilder();
        int[] shown = {0};
        boolean complete = walk(dir, depth, "", out, shown);
        if (shown[0] == 0) {
            return ToolResult.success("(" + display + " is empty)");
        }
        if (!complete) {
            out.append("\n(Listing stopped at ").append(MAX_ENTRIES)
                    .append(" entries. List a subdirectory, or use a smaller depth, to see the rest.)");
        }
        return ToolResult.success(out.toString());
    }

    /** Appends the entries of {@code dir}; false when the entry cap cut the listing short. */
    private boolean walk(Path dir, int depth, String indent, StringBuilder out, int[] shown) throws IOException {
        for (Path entry : children(dir)) {
            if (shown[0] >= MAX_ENTRIES) {
                return false;
            }
            shown[0]++;
            String name = entry.getFileName().toString();
            BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attrs.isSymbolicLink()) {
                out.append(indent).append(name).append(" -> ").append(linkTarget(entry)).append('\n');
            } else if (attrs.isDirectory()) {
                out.append(indent).append(name).append('/');
                if (depth <= 1) {
                    int count = children(entry).size();
                    out.append("  (").append(count).append(count == 1 ? " entry)" : " entries)");
                }
                out.append('\n');
                if (depth > 1 && !walk(entry, depth - 1, indent + "  ", out, shown)) {
                    return false;
                }
            } else {
                out.append(indent).append(name).append("  ").append(FileKinds.size(attrs.size()).replaceAll(" \\(.*", ""))
                        .append('\n');
            }
        }
        return true;
    }

    /**
     * Where the link {@code entry} points, as the model may see it: a relative target as written,
     * an absolute one inside the workspace relative to the root, any other absolute one not at all.
     */
    private String linkTarget(Path entry) throws IOException {
        Path target = Files.readSymbolicLink(entry);
        if (!target.isAbsolute()) {
            return target.toString();
        }
        Path normal = target.normalize();
        return normal.startsWith(workspace.root()) ? workspace.relativize(normal) + " (absolute link)"
                : "(a place outside the workspace)";
    }

    /** The entries of {@code dir} without .git: directories first, then by name. */
    private static List<Path> children(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().equals(".git"))
                    .sorted(Comparator.comparing((Path p) -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                            .thenComparing(p -> p.getFileName().toString()))
                    .collect(Collectors.toCollection(ArrayList::new));
        } catch (java.nio.file.AccessDeniedException e) {
            return List.of();
        }
    }
}
