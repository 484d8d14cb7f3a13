// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.skills;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Parses one {@code SKILL.md} into a {@link Skill} or the {@link SkillProblem} that refuses it. */
final class SkillFileParser {
    static final int MAX_NAME = 64;
    static final int MAX_DESCRIPTION = 1024;
    static final int MAX_COMPATIBILITY = 500;
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private SkillFileParser() {}

    /** A {@link Skill} or a {@link SkillProblem}. */
    static Object parse(Path dir) {
        Path file = dir.resolve(SkillLoader.SKILL_FILE);
        Path realDir;
        List<String> lines;
        try {
            realDir = dir.toRealPath();
            lines = readLines(file);
        } catch (CharacterCodingException e) {
            return new SkillProblem(file, 0, "SKILL.md is not valid UTF-8");
        } catch (IOException e) {
            return new SkillProblem(file, 0, "cannot read SKILL.md: " + e);
        }
        if (lines.isEmpty() || !lines.get(0).strip().equals("---")) {
            return new SkillProblem(file, 1, "SKILL.md must start with a '---' line opening its YAML front matter"
                    + " (name and description)");
        }
        int close = -1;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("---")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            return new SkillProblem(file, 1, "the front matter opened on line 1 is never closed by a '---' line");
        }
        List<String> yamlLines = lines.subList(1, close);
        JsonNode root;
        try {
            root = YAML.readTree(String.join("\n", yamlLines));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 2 : Math.max(1, e.getLocation().getLineNr()) + 1;
            return new SkillProblem(file, line, "the front matter is not valid YAML: " + oneLine(e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new SkillProblem(file, 2, "the front matter is empty: it needs 'name' and 'description'");
        }
        if (!root.isObject()) {
            return new SkillProblem(file, 2, "the front matter must be a YAML mapping of fields, not a "
                    + root.getNodeType().name().toLowerCase());
        }
        String body = String.join("\n", lines.subList(close + 1, lines.size())).strip();
        return new Fields(file, realDir, yamlLines, root).toSkill(body, close + 2);
    }

    private static List<String> readLines(Path file) throws IOException {
        String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                .toString();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return List.of(text.split("\r?\n", -1));
    }

    /**
     * The YAML parser's message in one line, without its own positions: SnakeYAML writes each part
     * (the context, then the problem) on a line of its own, followed by {@code in 'reader', line N,
     * column M:}, a snippet and a caret, all counted within the front matter, not the file.
     */
    static String oneLine(String message) {
        List<String> parts = new java.util.ArrayList<>();
        for (String l : message.split("\\R")) {
            if (!l.isBlank() && !Character.isWhitespace(l.charAt(0))) {
                String part = l.strip();
                parts.add(part.endsWith(":") ? part.substring(0, part.length() - 1) : part);
            }
        }
        return parts.isEmpty() ? message.strip().replaceAll("\\s*\\R\\s*", " ") : String.join(", ", parts);
    }

    /** The 1-based line of {@code key:} in a SKILL.md's front matter; 1 when not found. */
    static int lineOfKey(Path file, String key) {
        try {
            return lineOfKey(readLines(file), key, 0);
        } catch (IOException e) {
            return 1;
        }
    }

    /** The line in the file of {@code key:} among {@code lines}, which begin at file line {@code offset + 1}. */
    private static int lineOfKey(List<String> lines, String key, int offset) {
        Pattern p = Pattern.compile("^\\s*['\"]?" + Pattern.quote(key) + "['\"]?\\s*:");
        for (int i = 0; i < lines.size(); i++) {
            if (p.matcher(lines.get(i)).find()) {
                return offset + i + 1;
            }
        }
        return 1;
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
            return new SkillProblem(file, lineOfKey(yamlLines, key, 1), message);
        }
    }
}
