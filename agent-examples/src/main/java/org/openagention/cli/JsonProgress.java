// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.io.PrintStream;
import org.openagention.core.AgentEvent;
import org.openagention.core.AgentListener;
import org.openagention.orchestration.OrchestrationEvent;
/** {@code --json}: one JSON object per line for every event and note; streamed events are left out. */
final class JsonProgress implements Progress {
    private final PrintStream out;

    JsonProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public AgentListener lane(String row, String label) {
        return event -> {
            if (!(event instanceof AgentEvent.ModelStreamed)) {
                print(EventJson.of(label, event).toString());
            }
        };
    }

    @Override
    public void onEvent(OrchestrationEvent event) {
        print(EventJson.of(event).toString());
    }

    @Override
    public void note(String kind, String text) {
        print(EventJson.note(kind, text).toString());
    }

    private synchronized void print(String line) {
        out.println(line);
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }
}
