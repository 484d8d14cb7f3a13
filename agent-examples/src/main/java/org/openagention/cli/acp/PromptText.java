// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli.acp;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.openagention.orchestration.skills.Skill;
import org.openagention.orchestration.skills.SkillSet;

/**
 * An ACP prompt as the task text of a run: text blocks as they are, files and selections the
 * editor embedded ({@code resource}) as tagged blocks with their text, files it linked
 * ({@code resource_link}) named by their path in the workspace (the agent reads them itself), and
 * a leading {@code /skill} (one of the session's slash commands) expanded into the skill's
 * instructions. Images and audio are refused: the agent does not advertise them.
 */
final class PromptText {
    private PromptText() {}

    static String of(JsonNode blocks, Path cwd, SkillSet skills) {
        if (!blocks.isArray() || blocks.isEmpty()) {
            throw new JsonRpc.RpcError(JsonRpc.RpcError.INVALID_PARAMS, "the prompt is empty: send at least one content block");
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode b : blocks) {
            String type = b.path("type").asText();
            switch (type) {
                case "text" -> out.append(b.path("text").asText()).append('\n');
                case "resource_link" -> out.append("[The user points at ").append(where(b.path("uri").asText(), cwd))
                        .append(b.hasNonNull("name") ? " (" + b.path("name").asText() + ")" : "").append("]\n");
                case "resource" -> {
                    JsonNode r = b.path("resource");
                    if (!r.hasNonNull("text")) {
                        throw new JsonRpc.RpcError(JsonRpc.RpcError.INVALID_PARAMS, "the embedded resource "
                                + r.path("uri").asText() + " has no text: only text resources can be sent to this agent");
                    }
                    out.append("<context source=\"").append(where(r.path("uri").asText(), cwd)).append("\">\n")
                            .append(r.path("text").asText()).append("\n</context>\n");
                }
                default -> throw new JsonRpc.RpcError(JsonRpc.RpcError.INVALID_PARAMS, "a '" + type
                        + "' content block cannot be sent to this agent: it takes text, resource_link and resource blocks");
            }
        }
        return expandCommand(out.toString().strip(), skills);
    }

    /** A file URI as a path relative to the workspace when it is inside it, else the URI itself. */
    static String where(String uri, Path cwd) {
        try {
            URI u = URI.create(uri);
            if ("file".equals(u.getScheme())) {
                Path p = Path.of(u).normalize();
                return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
            }
        } catch (RuntimeException e) {
            // not a URI we understand: shown as given
        }
        return uri;
    }

    private static String expandCommand(String text, SkillSet skills) {
        if (!text.startsWith("/")) {
            return text;
        }
        int space = text.indexOf(' ');
        String name = space < 0 ? text.substring(1) : text.substring(1, space);
        Optional<Skill> skill = skills.find(name);
        if (skill.isEmpty()) {
            return text;
        }
        String rest = space < 0 ? "" : text.substring(space + 1).strip();
        return "Follow the skill '" + name + "' (" + skill.get().description() + "):\n" + skill.get().instructions()
                + (rest.isEmpty() ? "" : "\n\nThe task: " + rest);
    }
}
