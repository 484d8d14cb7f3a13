// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import java.util.List;
import org.openagention.core.RunResult;
import org.openagention.core.message.Content;
import org.openagention.core.message.ToolResultMessage;

/** Reads tool outputs back out of a run's transcript. */
final class Transcripts {
    private Transcripts() {}

    static List<Content.ToolOutput> toolOutputs(RunResult result) {
        return result.transcript().stream()
                .filter(m -> m instanceof ToolResultMessage)
                .flatMap(m -> ((ToolResultMessage) m).outputs().stream())
                .toList();
    }
}
