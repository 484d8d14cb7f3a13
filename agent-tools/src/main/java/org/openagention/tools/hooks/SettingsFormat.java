// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.hooks;

/**
 * Which program a settings file was written for. Both use Claude Code's layout of
 * {@code "hooks"}; they differ in the tool names a hook is told on its standard input.
 */
public enum SettingsFormat {
    /** {@code .openagention/settings.json}: hooks are told our tool names ({@code shell}). */
    OPENAGENTION,
    /** {@code .claude/settings.json}: hooks are told Claude Code's tool names ({@code Bash}). */
    CLAUDE_CODE
}
