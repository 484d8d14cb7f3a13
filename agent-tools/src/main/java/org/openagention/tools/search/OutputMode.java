// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.search;

import java.util.Locale;
import java.util.Optional;

/** What {@code grep} shows: matching lines, the files that match, or a count per file. */
enum OutputMode {
    CONTENT, FILES_WITH_MATCHES, COUNT;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<OutputMode> parse(String text) {
        for (OutputMode m : values()) {
            if (m.wireName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
