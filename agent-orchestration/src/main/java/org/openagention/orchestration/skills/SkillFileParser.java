// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.skills;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openagention.orchestration.internal.FrontMatter;

/** Parses one {@code SKILL.md} into a {@link Skill} or the {@link SkillProblem} that refuses it. */
final class SkillFileParser {
    static final int MAX_NAME = 64;
    static final int MAX_DESCRIPTION = 1024;
    static final int MAX_COMPATIBILITY = 500;
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private SkillFileParser() {}

    /** A {@link Skill} or a {@link SkillProblem}. */
    static Object parse(Path dir) {
        Path file = dir.resolve(SkillLoader.SKILL_FILE);
        Path realDir;
        try {
            realDir = dir.toRealPath();
        } catch (IOException e) {
            return new SkillProblem(file, 0, "cannot read SKILL.md: " + e);
        }
        Object read = FrontMatter.read(file, "name and description");
        if (read instanceof FrontMatter.Problem p) {
            return new SkillProblem(file, p.line(), p.message());
        }
        FrontMatter fm = (FrontMatter) read;
        return new Fields(file, realDir, fm.yamlLines(), fm.root()).toSkill(fm.body(), fm.bodyLine());
    }

    /** The 1-based line of {@code key:} in a SKILL.md's front matter; 1 when not found. */
    static int lineOfKey(Path file, String key) {
        return FrontMatter.lineOfKey(file, key);
    }

    /** Reads and checks the front matter fields. */
    private record Fields(Path file, Path dir, List<String> yamlLines, JsonNode root) {

        Object toSkill(String body, int bodyLine) {
            Object name = requiredText("name");
            if (name instanceof SkillProblem p) {
                return p;
            }
            SkillProblem nameProblem = checkName((String) name);
            if (nameProblem != null) {
                return nameProblem;
            }
            Object description = requiredText("description");
            if (description instanceof SkillProblem p) {
                return p;
            }
            if (((String) description).length() > MAX_DESCRIPTION) {
                return problem("description", "the description has " + ((String) description).length()
                        + " characters; the limit is " + MAX_DESCRIPTION);
            }
            Object license = optionalText("license");
            Object compatibility = optionalText("compatibility");
            Object allowed = allowedTools();
            Object metadata = metadata();
            for (Object o : new Object[] {license, compatibility, allowed, metadata}) {
                if (o instanceof SkillProblem p) {
                    return p;
                }
            }
            if (compatibility != null && ((String) compatibility).length() > MAX_COMPATIBILITY) {
                return problem("compatibility", "the compatibility field has " + ((String) compatibility).length()
                        + " characters; the limit is " + MAX_COMPATIBILITY);
            }
            @SuppressWarnings("unchecked")
            Map<String, String> meta = (Map<String, String>) metadata;
            @SuppressWarnings("unchecked")
            List<String> tools = (List<String>) allowed;
            return new Skill((String) name, ((String) description).strip(), dir, (String) license,
                    (String) compatibility, tools, meta, body, bodyLine);
        }

        private SkillProblem checkName(String name) {
            if (name.length() > MAX_NAME) {
                return problem("name", "the name '" + name + "' has " + name.length() + " characters; the limit is "
                        + MAX_NAME);
            }
            if (!NAME.matcher(name).matches()) {
                return problem("name", "the name '" + name + "' is not valid: use lowercase letters, digits and single"
                        + " hyphens, not starting or ending with a hyphen (such as 'code-review')");
            }
            String folder = dir.getFileName().toString();
            if (!name.equals(folder)) {
                return problem("name", "the name '" + name + "' does not match its folder '" + folder
                        + "': the Agent Skills spec requires them to be equal");
            }
            return null;
        }

        private Object requiredText(String key) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) {
                return new SkillProblem(file, 2, "the front matter has no '" + key + "' field, which is required");
            }
            if (!n.isValueNode()) {
                return problem(key, "the '" + key + "' field must be text, not a " + n.getNodeType().name().toLowerCase());
            }
            String text = n.asText();
            if (text.isBlank()) {
                return problem(key, "the '" + key + "' field is empty");
            }
            return text;
        }

        private Object optionalText(String key) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isValueNode()) {
                return problem(key, "the '" + key + "' field must be text, not a " + n.getNodeType().name().toLowerCase());
            }
            return n.asText();
        }

        private Object allowedTools() {
            JsonNode n = root.get("allowed-tools");
            List<String> tools = new ArrayList<>();
            if (n == null || n.isNull()) {
                return tools;
            }
            if (n.isValueNode()) {
                for (String t : n.asText().trim().split("\\s+")) {
                    if (!t.isEmpty()) {
                        tools.add(t);
                    }
                }
            } else if (n.isArray()) {
                n.forEach(t -> tools.add(t.asText()));
            } else {
                return problem("allowed-tools", "the 'allowed-tools' field must be a space-separated list of tool names");
            }
            return tools;
        }

        private Object metadata() {
            JsonNode n = root.get("metadata");
            Map<String, String> map = new LinkedHashMap<>();
            if (n == null || n.isNull()) {
                return map;
            }
            if (!n.isObject()) {
                return problem("metadata", "the 'metadata' field must be a mapping of keys to text values");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode()) {
                    return problem("metadata", "metadata '" + e.getKey() + "' must be a text value, not a "
                            + e.getValue().getNodeType().name().toLowerCase());
                }
                map.put(e.getKey(), e.getValue().asText());
            }
            return map;
        }

        private SkillProblem problem(String key, String message) {
            return new SkillProblem(file, new FrontMatter(file, yamlLines, root, "", 0).lineOf(key), message);
        }
    }
}
