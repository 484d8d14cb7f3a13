// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.message;

import java.util.List;
import java.util.Objects;

/** Instructions that frame the whole conversation. */
public record SystemMessage(String instructions) implements Message {
    public SystemMessage {
        Objects.requireNonNull(instructions, "instructions");
    }

    @Override
    public List<Content> content() {
        return List.of(new Content.Text(instructions));
    }
}
