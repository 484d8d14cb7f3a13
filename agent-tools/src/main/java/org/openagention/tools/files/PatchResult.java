// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.util.List;
import java.util.Objects;

/**
 * The text a diff produced, and where each hunk landed relative to where its header said.
 *
 * @param text the patched text, with the original's line endings
 * @param offsets for each hunk, in order, the number of lines between its stated position and
 *     where it matched (0 when exactly where stated; positive when further down)
 */
public record PatchResult(String text, List<Integer> offsets) {
    public PatchResult {
        Objects.requireNonNull(text, "text");
        offsets = List.copyOf(offsets);
    }

    /** Whether every hunk applied exactly at its stated line. */
    public boolean exact() {
        return offsets.stream().allMatch(o -> o == 0);
    }
}
