// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code "hooks"} of one settings file, in Claude Code's layout:
 * {@code {"hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "...",
 * "timeout": 30}]}]}}}. What cannot be used becomes a {@link HookProblem}; the rest loads.
 */
final class HookSettings {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HookSettings() {}

    static void read(Path file, SettingsFormat format, List<Hook> hooks, List<HookProblem> problems) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            problems.add(new HookProblem(file, 0, "cannot read the settings file: " + e));
            return;
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.add(new HookProblem(file, line, "not valid JSON: " + e.getOriginalMessage()));
            return;
        }
        if (root == null || !root.isObject()) {
            problems.add(new HookProblem(file, 1, "a settings file must hold a JSON object"));
            return;
        }
        JsonNode all = root.path("hooks");
        if (all.isMissingNode() || all.isNull()) {
            return;
        }
        if (!all.isObject()) {
            problems.add(new HookProblem(file, lineOf(text, "hooks"), "\"hooks\" must be an object of events"));
            return;
        }
        for (Map.Entry<String, JsonNode> e : all.properties()) {
            int line = lineOf(text, e.getKey());
            var event = HookEvent.bySettingsName(e.getKey());
            if (event.isEmpty()) {
                problems.add(new HookProblem(file, line, "the event \"" + e.getKey() + "\" is not one OpenAgention runs"
                        + " (PreToolUse, PostToolUse, UserPromptSubmit, Stop, SessionStart); its hooks are not loaded"));
                continue;
            }
            if (!e.getValue().isArray()) {
                problems.add(new HookProblem(file, line, "\"" + e.getKey() + "\" must be an array of matcher groups"));
                continue;
            }
            for (JsonNode group : e.getValue()) {
                readGroup(file, format, event.get(), group, line, hooks, problems);
            }
        }
    }

    private static void readGroup(Path file, SettingsFormat format, HookEvent event, JsonNode group, int line,
            List<Hook> hooks, List<HookProblem> problems) {
        String where = event.settingsName();
        if (!group.isObject() || !group.path("hooks").isArray()) {
            problems.add(new HookProblem(file, line, "each entry of \"" + where
                    + "\" must be an object with a \"hooks\" array"));
            return;
        }
        String matcher = group.path("matcher").asText("");
        for (JsonNode h : group.path("hooks")) {
            String type = h.path("type").asText("");
            String command = h.path("command").asText("");
            if (!type.equals("command")) {
                problems.add(new HookProblem(file, line, "a hook of \"" + where + "\" has type \"" + type
                        + "\"; only \"command\" hooks are run"));
                continue;
            }
            Duration timeout = Hook.DEFAULT_TIMEOUT;
            if (h.has("timeout")) {
                if (!h.get("timeout").isNumber() || h.get("timeout").asDouble() <= 0) {
                    problems.add(new HookProblem(file, line, "the timeout of hook `" + command + "` must be a positive"
                            + " number of seconds, not " + h.get("timeout")));
                    continue;
                }
                timeout = Duration.ofMillis((long) (h.get("timeout").asDouble() * 1000));
            }
            try {
                hooks.add(new Hook(event, matcher, command, timeout, format));
            } catch (IllegalArgumentException ex) {
                problems.add(new HookProblem(file, line, "a hook of \"" + where + "\": " + ex.getMessage()));
            }
        }
    }

    /** The 1-based line where {@code "key"} first appears; 0 when it does not. */
    private static int lineOf(String text, String key) {
        int at = text.indexOf("\"" + key + "\"");
        if (at < 0) {
            return 0;
        }
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
