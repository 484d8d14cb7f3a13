// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.hooks;

import java.util.Map;
import java.util.Optional;

/**
 * Claude Code's names of our coding tools, so settings and agent definitions written for Claude
 * Code work here: {@code Bash} is {@code shell}, {@code Edit} and {@code MultiEdit} are
 * {@code edit_file}, {@code Write} is {@code write_file}, {@code Read} is {@code read_file},
 * {@code Glob}, {@code Grep}, {@code LS} and {@code TodoWrite} are {@code glob}, {@code grep},
 * {@code list_dir} and {@code todo_write}.
 */
public final class ClaudeToolNames {
    private static final Map<String, String> CLAUDE_BY_OURS = Map.of("shell", "Bash", "edit_file", "Edit",
            "write_file", "Write", "read_file", "Read", "glob", "Glob", "grep", "Grep", "list_dir", "LS",
            "todo_write", "TodoWrite");
    private static final Map<String, String> OURS_BY_CLAUDE = Map.of("Bash", "shell", "Edit", "edit_file",
            "MultiEdit", "edit_file", "Write", "write_file", "Read", "read_file", "Glob", "glob", "Grep", "grep",
            "LS", "list_dir", "TodoWrite", "todo_write");

    private ClaudeToolNames() {}

    /** Claude Code's name for our tool {@code ours}, if it has one. */
    public static Optional<String> claudeName(String ours) {
        return Optional.ofNullable(CLAUDE_BY_OURS.get(ours));
    }

    /** Our name for Claude Code's tool {@code claude}, if we have that tool. */
    public static Optional<String> ourName(String claude) {
        return Optional.ofNullable(OURS_BY_CLAUDE.get(claude));
    }
}
