// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.provenance;

import java.util.List;

/**
 * The totals of a {@link ProvenanceTracker}: how many sources and claims, and how the claims fared.
 *
 * @param sources how many sources were recorded
 * @param claims how many claims were checked
 * @param supported claims judged {@link Support#SUPPORTED}
 * @param inferred claims judged {@link Support#INFERRED}
 * @param unsupported claims judged {@link Support#UNSUPPORTED}
 * @param flagged the unsupported claims, in order
 */
public record ProvenanceSummary(int sources, int claims, int supported, int inferred, int unsupported,
        List<ClaimCheck> flagged) {
    public ProvenanceSummary {
        flagged = List.copyOf(flagged);
    }

    /** A few lines for a report or a log: the counts, then each unsupported claim. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(sources).append(" sources; ").append(claims).append(" claims: ")
                .append(supported).append(" supported, ").append(inferred).append(" inferred, ").append(unsupported)
                .append(" unsupported");
        for (ClaimCheck c : flagged) {
            sb.append("\nUNSUPPORTED ").append(c.id()).append(": ").append(c.text()).append(" (").append(c.reason()).append(')');
        }
        return sb.toString();
    }
}
