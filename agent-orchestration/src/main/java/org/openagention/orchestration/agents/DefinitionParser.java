// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.agents;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openagention.core.Limits;
import org.openagention.orchestration.internal.FrontMatter;
import org.openagention.tools.hooks.ClaudeToolNames;

/** Parses one agent definition file into an {@link AgentDefinition} or the {@link DefinitionProblem} that refuses it. */
final class DefinitionParser {
    /** Claude Code's model aliases: they mean "a model of the parent's provider", so the parent's is used. */
    private static final Set<String> PARENT_MODEL = Set.of("inherit", "sonnet", "opus", "haiku");

    private DefinitionParser() {}

    static Object parse(Path file) {
        Object read = FrontMatter.read(file, "name and description");
        if (read instanceof FrontMatter.Problem p) {
            return new DefinitionProblem(file, p.line(), p.message());
        }
        FrontMatter fm = (FrontMatter) read;
        try {
            String name = requiredText(fm, "name");
            if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new Refused(fm.lineOf("name"), "the name '" + name + "' is not valid: use 1 to 64 letters,"
                        + " digits, '-' and '_' (it becomes a tool name)");
            }
            String description = requiredText(fm, "description");
            String model = optionalText(fm, "model");
            if (model != null && PARENT_MODEL.contains(model.strip())) {
                model = null;
            }
            return new AgentDefinition(name, description.strip(), fm.body(), tools(fm), model, limits(fm), file);
        } catch (Refused r) {
            return new DefinitionProblem(file, r.line, r.getMessage());
        }
    }

    static int lineOfName(Path file) {
        return lineOf(file, "name");
    }

    static int lineOf(Path file, String key) {
        return FrontMatter.lineOfKey(file, key);
    }

    /** A field that refuses the file, at its line. */
    private static final class Refused extends RuntimeException {
        final int line;

        Refused(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    private static String requiredText(FrontMatter fm, String key) {
        String text = optionalText(fm, key);
        if (text == null) {
            throw new Refused(2, "the front matter has no '" + key + "' field, which is required");
        }
        if (text.isBlank()) {
            throw new Refused(fm.lineOf(key), "the '" + key + "' field is empty");
        }
        return text;
    }

    private static String optionalText(FrontMatter fm, String key) {
        JsonNode n = fm.root().get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isValueNode()) {
            throw new Refused(fm.lineOf(key), "the '" + key + "' field must be text, not a "
                    + n.getNodeType().name().toLowerCase());
        }
        return n.asText();
    }

    /** The tools named, Claude Code's names translated to ours; null when the field is absent (all tools). */
    private static List<String> tools(FrontMatter fm) {
        JsonNode n = fm.root().get("tools");
        if (n == null || n.isNull()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(t -> names.add(t.asText().strip()));
        } else if (n.isValueNode()) {
            for (String t : n.asText().split("[,\\s]+")) {
                names.add(t.strip());
            }
        } else {
            throw new Refused(fm.lineOf("tools"), "the 'tools' field must be a list or a comma-separated text of tool names");
        }
        List<String> ours = new ArrayList<>();
        for (String t : names) {
            if (!t.isEmpty()) {
                String mapped = ClaudeToolNames.ourName(t).orElse(t);
                if (!ours.contains(mapped)) {
                    ours.add(mapped);
                }
            }
        }
        return ours;
    }

    private static Limits limits(FrontMatter fm) {
        Limits.Builder b = Limits.builder();
        JsonNode root = fm.root();
        if (root.has("max-turns")) {
            b.maxTurns((int) number(fm, "max-turns", 1));
        }
        if (root.has("max-tokens")) {
            b.maxTokens((long) number(fm, "max-tokens", 1));
        }
        if (root.has("max-cost-usd")) {
            b.maxCostUsd(number(fm, "max-cost-usd", 0));
        }
        if (root.has("timeout-seconds")) {
            b.timeout(Duration.ofMillis((long) (number(fm, "timeout-seconds", 0.001) * 1000)));
        }
        return b.build();
    }

    private static double number(FrontMatter fm, String key, double min) {
        JsonNode n = fm.root().get(key);
        if (!n.isNumber() || n.asDouble() < min) {
            throw new Refused(fm.lineOf(key), "the '" + key + "' field must be a number of at least " + (min == (long) min
                    ? String.valueOf((long) min) : String.valueOf(min)) + ", not " + n);
        }
        return n.asDouble();
    }
}
