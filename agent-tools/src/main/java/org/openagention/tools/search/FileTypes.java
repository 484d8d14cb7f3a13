// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.search;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The built-in file types of the {@code type} filter: a name and the file-name globs it covers.
 * Both search backends use this table (ripgrep receives it with {@code --type-add}), so a type
 * means the same files whichever backend runs.
 */
final class FileTypes {
    private static final Map<String, List<String>> TYPES = new TreeMap<>(Map.ofEntries(
            Map.entry("java", List.of("*.java")),
            Map.entry("kotlin", List.of("*.kt", "*.kts")),
            Map.entry("scala", List.of("*.scala", "*.sc")),
            Map.entry("groovy", List.of("*.groovy", "*.gradle")),
            Map.entry("js", List.of("*.js", "*.jsx", "*.mjs", "*.cjs")),
            Map.entry("ts", List.of("*.ts", "*.tsx", "*.mts", "*.cts")),
            Map.entry("py", List.of("*.py", "*.pyi")),
            Map.entry("go", List.of("*.go")),
            Map.entry("rust", List.of("*.rs")),
            Map.entry("c", List.of("*.c", "*.h")),
            Map.entry("cpp", List.of("*.cpp", "*.cc", "*.cxx", "*.hpp", "*.hh", "*.hxx", "*.h")),
            Map.entry("cs", List.of("*.cs")),
            Map.entry("rb", List.of("*.rb", "*.rake", "Gemfile", "Rakefile")),
            Map.entry("php", List.of("*.php")),
            Map.entry("swift", List.of("*.swift")),
            Map.entry("sh", List.of("*.sh", "*.bash", "*.zsh")),
            Map.entry("md", List.of("*.md", "*.markdown", "*.mdx")),
            Map.entry("txt", List.of("*.txt")),
            Map.entry("json", List.of("*.json", "*.jsonl")),
            Map.entry("xml", List.of("*.xml", "*.xsd", "*.xsl", "*.xslt", "*.pom")),
            Map.entry("yaml", List.of("*.yaml", "*.yml")),
            Map.entry("toml", List.of("*.toml")),
            Map.entry("html", List.of("*.html", "*.htm")),
            Map.entry("css", List.of("*.css", "*.scss", "*.sass", "*.less")),
            Map.entry("sql", List.of("*.sql")),
            Map.entry("properties", List.of("*.properties")),
            Map.entry("proto", List.of("*.proto")),
            Map.entry("docker", List.of("Dockerfile", "*.dockerfile"))));

    private FileTypes() {}

    /** The globs of type {@code name}. */
    static Optional<List<String>> globs(String name) {
        return Optional.ofNullable(TYPES.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /** The known type names, for error messages and the tool description. */
    static String names() {
        return String.join(", ", TYPES.keySet());
    }
}
