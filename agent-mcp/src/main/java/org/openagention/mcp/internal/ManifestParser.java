// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openagention.core.ConfigurationException;
import org.openagention.mcp.McpServerConfig;

/** Reads the {@code mcpServers} layout into {@link McpServerConfig}s; see {@code McpManifest}. */
public final class ManifestParser {
    private ManifestParser() {}

    public static List<McpServerConfig> parse(String json, Map<String, String> env, Optional<Path> base, String source) {
        JsonNode root;
        try {
            root = McpJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException(source + " is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new ConfigurationException(source + " must be a JSON object with an \"mcpServers\" object");
        }
        JsonNode servers = root.get("mcpServers");
        if (servers == null || !servers.isObject()) {
            throw new ConfigurationException(source + " has no \"mcpServers\" object"
                    + (servers == null ? "" : " (found " + servers.getNodeType().name().toLowerCase(Locale.ROOT) + ")"));
        }
        EnvExpansion expansion = new EnvExpansion(env);
        List<McpServerConfig> result = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = servers.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            Entry entry = new Entry(source, e.getKey(), e.getValue(), expansion);
            if (!entry.disabled()) {
                result.add(entry.toConfig(base));
            }
        }
        return result;
    }

    /** One entry of {@code mcpServers}, with errors that name it. */
    private static final class Entry {
        private final String source;
        private final String name;
        private final JsonNode node;
        private final EnvExpansion expansion;

        Entry(String source, String name, JsonNode node, EnvExpansion expansion) {
            this.source = source;
            this.name = name;
            this.node = node;
            this.expansion = expansion;
            if (name.isBlank()) {
                throw new ConfigurationException(source + ": a server in \"mcpServers\" has an empty name");
            }
            if (!node.isObject()) {
                throw bad(null, "must be a JSON object with \"command\" or \"url\"");
            }
        }

        boolean disabled() {
            JsonNode d = node.get("disabled");
            if (d == null || d.isNull()) {
                return false;
            }
            if (!d.isBoolean()) {
                throw bad("disabled", "must be true or false");
            }
            return d.booleanValue();
        }

        McpServerConfig toConfig(Optional<Path> base) {
            String type = optionalString("type").map(t -> t.toLowerCase(Locale.ROOT)).orElse("");
            boolean hasCommand = node.hasNonNull("command");
            boolean hasUrl = node.hasNonNull("url");
            if (hasCommand && hasUrl) {
                throw bad(null, "has both \"command\" and \"url\": give \"command\" for a stdio server or \"url\" for an HTTP one");
            }
            switch (type) {
                case "" -> {
                    if (!hasCommand && !hasUrl) {
                        throw bad(null, "needs \"command\" (a stdio server) or \"url\" (a streamable HTTP server)");
                    }
                    return hasCommand ? stdio(base) : http();
                }
                case "stdio" -> {
                    return stdio(base);
                }
                case "http", "streamable-http", "streamablehttp", "streamable_http" -> {
                    return http();
                }
                case "sse" -> throw bad("type", "'sse' (the legacy HTTP+SSE transport) is not supported: use a streamable HTTP endpoint (\"type\": \"http\")");
                default -> throw bad("type", "'" + type + "' is not a transport: use \"stdio\" or \"http\"");
            }
        }

        private McpServerConfig stdio(Optional<Path> base) {
            String command = requiredString("command");
            List<String> args = new ArrayList<>();
            JsonNode a = node.get("args");
            if (a != null && !a.isNull()) {
                if (!a.isArray()) {
                    throw bad("args", "must be an array of strings");
                }
                for (int i = 0; i < a.size(); i++) {
                    JsonNode item = a.get(i);
                    if (!item.isTextual() && !item.isNumber() && !item.isBoolean()) {
                        throw bad("args[" + i + "]", "must be a string");
                    }
                    args.add(expand(item.asText(), "args[" + i + "]"));
                }
            }
            Map<String, String> env = stringMap("env");
            Optional<Path> cwd = optionalString("cwd").map(c -> {
                Path p;
                try {
                    p = Path.of(c);
                } catch (InvalidPathException e) {
                    throw bad("cwd", "is not a path: " + e.getReason());
                }
                return base.isPresent() && !p.isAbsolute() ? base.get().resolve(p).normalize() : p;
            });
            return new McpServerConfig.Stdio(name, command, args, env, cwd);
        }

        private McpServerConfig http() {
            String url = requiredString("url");
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw bad("url", "'" + url + "' is not a URL: " + e.getMessage());
            }
            if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                throw bad("url", "'" + url + "' is not an http:// or https:// URL");
            }
            return new McpServerConfig.Http(name, uri, stringMap("headers"));
        }

        private String requiredString(String field) {
            return optionalString(field).orElseThrow(() -> bad(field, "is required"));
        }

        private Optional<String> optionalString(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isTextual()) {
                throw bad(field, "must be a string");
            }
            String expanded = expand(v.textValue(), field);
            if (expanded.isBlank()) {
                throw bad(field, "is empty");
            }
            return Optional.of(expanded);
        }

        private Map<String, String> stringMap(String field) {
            JsonNode m = node.get(field);
            Map<String, String> out = new LinkedHashMap<>();
            if (m == null || m.isNull()) {
                return out;
            }
            if (!m.isObject()) {
                throw bad(field, "must be an object of string values");
            }
            Iterator<Map.Entry<String, JsonNode>> it = m.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (!v.isTextual() && !v.isNumber() && !v.isBoolean()) {
                    throw bad(field + "." + e.getKey(), "must be a string");
                }
                out.put(e.getKey(), expand(v.asText(), field + "." + e.getKey()));
            }
            return out;
        }

        private String expand(String value, String field) {
            try {
                return expansion.expand(value, where(field));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(source + ": " + e.getMessage(), e);
            }
        }

        private String where(String field) {
            return "server '" + name + "'" + (field == null ? "" : ", field '" + field + "'");
        }

        private ConfigurationException bad(String field, String problem) {
            return new ConfigurationException(source + ": " + where(field) + " " + problem);
        }
    }
}
