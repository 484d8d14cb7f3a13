// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.hooks;

import java.util.Arrays;
import java.util.Optional;

/** When a {@link Hook} runs; each has the name Claude Code's settings use for it. */
public enum HookEvent {
    /** Before a tool call runs: may block it (the model gets the reason) or change its arguments. */
    PRE_TOOL_USE("PreToolUse"),
    /** After a tool call ran: may add feedback or context to the result the model gets. */
    POST_TOOL_USE("PostToolUse"),
    /** When a run's prompt is submitted (before its first model call): may block it or add context. */
    USER_PROMPT_SUBMIT("UserPromptSubmit"),
    /** When a run stops, for any reason: observation (notify, log, clean up). */
    STOP("Stop"),
    /** When a run starts (before its first model call): may add context. */
    SESSION_START("SessionStart");

    private final String settingsName;

    HookEvent(String settingsName) {
        this.settingsName = settingsName;
    }

    /** The event's name in settings files and in the {@code hook_event_name} of its JSON. */
    public String settingsName() {
        return settingsName;
    }

    /** Whether hooks of this event select tools with a matcher. */
    public boolean matchesTools() {
        return this == PRE_TOOL_USE || this == POST_TOOL_USE;
    }

    /** The event with this settings name, if it is one we run. */
    public static Optional<HookEvent> bySettingsName(String name) {
        return Arrays.stream(values()).filter(e -> e.settingsName.equals(name)).findFirst();
    }
}
