// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.provenance;

import java.util.List;
import java.util.Objects;

/**
 * A claim of a report, the sources it cites and how well they support it.
 *
 * @param id the tracker's id for the claim ({@code C1}, {@code C2}, ...)
 * @param text the claim, without its citation markers
 * @param sourceIds the source ids it cites, in order
 * @param support the verdict, by the rule on {@link Support}
 * @param reason why, in a sentence (which ids are missing, which key terms were found)
 */
public record ClaimCheck(String id, String text, List<String> sourceIds, Support support, String reason) {
    public ClaimCheck {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        sourceIds = List.copyOf(sourceIds);
        Objects.requireNonNull(support, "support");
        Objects.requireNonNull(reason, "reason");
    }
}
