// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Markdown file that opens with YAML front matter between {@code ---} lines, the format of
 * {@code SKILL.md} files and of agent definitions: the fields as a mapping, the body after them,
 * and the line of each field for error messages. Shared by the skills and agents loaders.
 *
 * @param file the file read
 * @param yamlLines the front matter's lines (file lines 2 onwards)
 * @param root the front matter as a mapping
 * @param body the text after the front matter, stripped
 * @param bodyLine the 1-based line where the body starts
 */
public record FrontMatter(Path file, List<String> yamlLines, JsonNode root, String body, int bodyLine) {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    /** Why a file has no usable front matter, at a 1-based line (0 when not known). */
    public record Problem(int line, String message) {}

    /**
     * Reads {@code file}, whose front matter must hold {@code needs} (such as "name and
     * description", for messages): a {@link FrontMatter} or a {@link Problem}.
     */
    public static Object read(Path file, String needs) {
        String name = file.getFileName().toString();
        List<String> lines;
        try {
            lines = readLines(file);
        } catch (CharacterCodingException e) {
            return new Problem(0, name + " is not valid UTF-8");
        } catch (IOException e) {
            return new Problem(0, "cannot read " + name + ": " + e);
        }
        if (lines.isEmpty() || !lines.get(0).strip().equals("---")) {
            return new Problem(1, name + " must start with a '---' line opening its YAML front matter (" + needs + ")");
        }
        int close = -1;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("---")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            return new Problem(1, "the front matter opened on line 1 is never closed by a '---' line");
        }
        List<String> yamlLines = lines.subList(1, close);
        JsonNode root;
        try {
            root = YAML.readTree(String.join("\n", yamlLines));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 2 : Math.max(1, e.getLocation().getLineNr()) + 1;
            return new Problem(line, "the front matter is not valid YAML: " + oneLine(e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new Problem(2, "the front matter is empty: it needs " + needs);
        }
        if (!root.isObject()) {
            return new Problem(2, "the front matter must be a YAML mapping of fields, not a "
                    + root.getNodeType().name().toLowerCase());
        }
        String body = String.join("\n", lines.subList(close + 1, lines.size())).strip();
        return new FrontMatter(file, List.copyOf(yamlLines), root, body, close + 2);
    }

    /**
     * The YAML parser's message in one line, without its own positions: SnakeYAML writes each part
     * (the context, then the problem) on a line of its own, followed by {@code in 'reader', line N,
     * column M:}, a snippet and a caret, all counted within the front matter, not the file.
     */
    private static String oneLine(String message) {
        List<String> parts = new java.util.ArrayList<>();
        for (String l : message.split("\\R")) {
            if (!l.isBlank() && !Character.isWhitespace(l.charAt(0))) {
                String part = l.strip();
                parts.add(part.endsWith(":") ? part.substring(0, part.length() - 1) : part);
            }
        }
        return parts.isEmpty() ? message.strip().replaceAll("\\s*\\R\\s*", " ") : String.join(", ", parts);
    }

    /** The 1-based line in the file of {@code key:} in the front matter; 1 when not found. */
    public int lineOf(String key) {
        return lineOfKey(yamlLines, key, 1);
    }

    /** The 1-based line of {@code key:} in a file's front matter; 1 when not found or unreadable. */
    public static int lineOfKey(Path file, String key) {
        try {
            return lineOfKey(readLines(file), key, 0);
        } catch (IOException e) {
            return 1;
        }
    }

    private static List<String> readLines(Path file) throws IOException {
        String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                .toString();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return List.of(text.split("\r?\n", -1));
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
}
