// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.message;

import java.util.List;

/** What the user (or the system acting for them) says. */
public record UserMessage(List<Content> content) implements Message {
    public UserMessage {
        content = List.copyOf(content);
    }
}
