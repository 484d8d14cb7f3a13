// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.hooks;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One configured hook: a shell command run on an event, for the tools its matcher selects.
 *
 * <p>The command runs with {@code sh -c} in the workspace, gets the event as JSON on standard
 * input, and is killed with its whole process tree when it runs past its timeout. The matcher is
 * a regular expression matched against the whole tool name ({@code "*"} or empty for every tool);
 * it matches either our tool name ({@code shell}, {@code edit_file}) or the Claude Code name of the
 * same tool ({@code Bash}, {@code Edit}; see {@link ClaudeToolNames}), so {@code "Edit|Write"} selects {@code edit_file} and
 * {@code write_file}.
 *
 * @param event when it runs
 * @param matcher which tools it runs for (tool events only; empty for all)
 * @param command the shell command
 * @param timeout how long it may run
 * @param format the settings format it was written in: a {@link SettingsFormat#CLAUDE_CODE} hook
 *     is told Claude Code's tool names ({@code "tool_name":"Bash"}), ours is told ours
 */
public record Hook(HookEvent event, String matcher, String command, Duration timeout, SettingsFormat format) {
    /** The default timeout, as in Claude Code: 60 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** @throws IllegalArgumentException when the matcher is not a valid regular expression or the timeout not positive */
    public Hook {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(matcher, "matcher");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(format, "format");
        if (command.isBlank()) {
            throw new IllegalArgumentException("a hook needs a command");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a hook's timeout must be positive: " + timeout);
        }
        if (!matcher.equals("*")) {
            pattern(matcher);
        }
    }

    /** A hook in our own format with the default timeout. */
    public static Hook of(HookEvent event, String matcher, String command) {
        return new Hook(event, matcher, command, DEFAULT_TIMEOUT, SettingsFormat.OPENAGENTION);
    }

    /** Whether this hook runs for {@code tool} (always, for events without tools). */
    public boolean matches(String tool) {
        if (!event.matchesTools() || matcher.isEmpty() || matcher.equals("*")) {
            return true;
        }
        Pattern p = pattern(matcher);
        return p.matcher(tool).matches()
                || ClaudeToolNames.claudeName(tool).map(claude -> p.matcher(claude).matches()).orElse(false);
    }

    /** The tool name this hook is told. */
    String toolNameFor(String tool) {
        return format == SettingsFormat.CLAUDE_CODE ? ClaudeToolNames.claudeName(tool).orElse(tool) : tool;
    }

    private static Pattern pattern(String matcher) {
        try {
            return Pattern.compile(matcher);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("the matcher '" + matcher + "' is not a valid regular expression: "
                    + e.getDescription());
        }
    }
}
