// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.provenance;

import java.time.Instant;
import java.util.Objects;

/**
 * One piece of evidence an agent saw, which claims can cite by {@link #id()}.
 *
 * @param id the tracker's id for it ({@code S1}, {@code S2}, ...), the handle claims cite
 * @param kind where it came from
 * @param label what it is: a file's path, a tool's name and arguments, "user"
 * @param content the text the agent saw
 * @param at when it was recorded
 */
public record Source(String id, SourceKind kind, String label, String content, Instant at) {
    public Source {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(at, "at");
    }
}
