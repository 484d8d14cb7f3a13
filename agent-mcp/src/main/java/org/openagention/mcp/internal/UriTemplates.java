// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import io.modelcontextprotocol.util.McpUriTemplateManager;
import io.modelcontextprotocol.util.McpUriTemplateManagerFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * URI templates as resources use them: {@code {name}} matches one path segment and
 * {@code {+name}} (RFC 6570 reserved expansion) any rest of the URI, slashes included, so that
 * {@code file:///repo/{+path}} matches every file below {@code /repo}. The SDK's own manager knows
 * only {@code {name}}.
 */
public final class UriTemplates implements McpUriTemplateManagerFactory {
    private static final Pattern VARIABLE = Pattern.compile("\\{(\\+?)([A-Za-z0-9_.]+)\\}");

    @Override
    public McpUriTemplateManager create(String uriTemplate) {
        return new Manager(uriTemplate);
    }

    private static final class Manager implements McpUriTemplateManager {
        private final String template;
        private final List<String> names = new ArrayList<>();
        private final Pattern pattern;

        Manager(String template) {
            this.template = template;
            StringBuilder regex = new StringBuilder();
            Matcher m = VARIABLE.matcher(template);
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(template.substring(last, m.start())));
                regex.append(m.group(1).isEmpty() ? "([^/]+)" : "(.+)");
                names.add(m.group(2));
                last = m.end();
            }
            regex.append(Pattern.quote(template.substring(last)));
            this.pattern = Pattern.compile(regex.toString());
        }

        @Override
        public List<String> getVariableNames() {
            return List.copyOf(names);
        }

        @Override
        public Map<String, String> extractVariableValues(String uri) {
            Map<String, String> values = new LinkedHashMap<>();
            Matcher m = pattern.matcher(uri == null ? "" : uri);
            if (m.matches()) {
                for (int i = 0; i < names.size(); i++) {
                    values.put(names.get(i), m.group(i + 1));
                }
            }
            return values;
        }

        @Override
        public boolean matches(String uri) {
            return uri != null && pattern.matcher(uri).matches();
        }

        @Override
        public boolean isUriTemplate(String uri) {
            return uri != null && VARIABLE.matcher(uri).find();
        }

        @Override
        public String toString() {
            return template;
        }
    }
}
