// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** "Did you mean" hints for paths that do not exist. */
final class Suggestions {
    private Suggestions() {}

    /** A hint naming up to three entries of the parent directory whose names resemble the missing file's. */
    static String similarNames(Path missing) {
        Path parent = missing.getParent();
        Path name = missing.getFileName();
        if (parent == null || name == null || !Files.isDirectory(parent)) {
            return parent != null && !Files.exists(parent) ? " (its directory does not exist either)" : "";
        }
        String wanted = name.toString().toLowerCase(Locale.ROOT);
        try (Stream<Path> entries = Files.list(parent)) {
            List<String> close = entries.map(p -> p.getFileName().toString())
                    .filter(n -> Similarity.of(n.toLowerCase(Locale.ROOT), wanted) >= 0.5)
                    .sorted().limit(3).collect(Collectors.toList());
            return close.isEmpty() ? "" : ". Similar names in the same directory: " + String.join(", ", close);
        } catch (IOException e) {
            return "";
        }
    }
}
