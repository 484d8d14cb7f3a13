// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.skills;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a project's instruction files ({@code AGENTS.md}, and {@code CLAUDE.md} where present)
 * into text for an agent's instructions.
 *
 * <p>Which files: starting at the workspace root and walking up, each directory's
 * {@code AGENTS.md} then {@code CLAUDE.md}. The walk stops at the git repository root (the first
 * directory holding a {@code .git} directory or file, which is included), or at the file-system
 * root when the workspace is not in a repository. Files are listed nearest first, so the most
 * specific instructions come first; a file reached twice through a link is read once.
 *
 * <p>The total size is capped (32,000 characters by default): the file that crosses the cap is cut
 * and the rest are left out, and the text says so with the number of characters dropped and the
 * files' paths. Files that cannot be read are named with the reason. Stateless and thread-safe.
 *
 * <pre>{@code
 * String project = ProjectInstructions.read(workspace.root());
 * Agent agent = Agent.builder().model(model).instructions(base + "\n\n" + project).build();
 * }</pre>
 */
public final class ProjectInstructions {
    /** The default cap on the characters of instruction files taken in total. */
    public static final int DEFAULT_MAX_CHARS = 32_000;
    private static final List<String> FILE_NAMES = List.of("AGENTS.md", "CLAUDE.md");

    private ProjectInstructions() {}

    /** The instruction files for {@code workspaceRoot} with the default cap; empty when there are none. */
    public static String read(Path workspaceRoot) {
        return read(workspaceRoot, DEFAULT_MAX_CHARS);
    }

    /**
     * The instruction files for {@code workspaceRoot}, at most {@code maxChars} characters of their
     * content; empty when there are none.
     *
     * @throws IllegalArgumentException when {@code maxChars} is not positive or the root is not a directory
     */
    public static String read(Path workspaceRoot, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive: " + maxChars);
        }
        StringBuilder out = new StringBuilder();
        int budget = maxChars;
        for (Path file : files(workspaceRoot)) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                section(out, file).append("[could not read ").append(file).append(": ").append(e.getMessage()).append(']');
                continue;
            }
            if (budget <= 0) {
                section(out, file).append("[left out: ").append(file).append(" (").append(text.length())
                        .append(" characters) is past the cap of ").append(maxChars).append(" characters]");
            } else if (text.length() > budget) {
                section(out, file).append(text, 0, budget).append("\n[truncated: the last ").append(text.length() - budget)
                        .append(" of ").append(text.length()).append(" characters of ").append(file)
                        .append(" are left out, past the cap of ").append(maxChars).append(" characters]");
                budget = 0;
            } else {
                section(out, file).append(text);
                budget -= text.length();
            }
        }
        return out.toString();
    }

    /**
     * The instruction files that apply to {@code workspaceRoot}, nearest first.
     *
     * @throws IllegalArgumentException when the root is not a directory
     */
    public static List<Path> files(Path workspaceRoot) {
        Objects.requireNonNull(workspaceRoot, "workspaceRoot");
        Path dir;
        try {
            dir = workspaceRoot.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("the workspace root " + workspaceRoot + " cannot be opened: " + e, e);
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("the workspace root " + workspaceRoot + " is not a directory");
        }
        Set<Path> found = new LinkedHashSet<>();
        for (; dir != null; dir = dir.getParent()) {
            for (String name : FILE_NAMES) {
                Path f = dir.resolve(name);
                if (Files.isRegularFile(f)) {
                    try {
                        found.add(f.toRealPath());
                    } catch (IOException e) {
                        found.add(f);
                    }
                }
            }
            if (Files.exists(dir.resolve(".git"))) {
                break;
            }
        }
        return new ArrayList<>(found);
    }

    private static StringBuilder section(StringBuilder out, Path file) {
        if (out.length() > 0) {
            out.append("\n\n");
        }
        return out.append("Instructions from ").append(file).append(":\n");
    }
}
