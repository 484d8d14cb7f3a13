// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.testing;

import java.util.ArrayList;
import java.util.List;
import org.openagention.core.AgentEvent;
import org.openagention.core.AgentListener;

/** An {@link AgentListener} that keeps every event, for assertions. Thread-safe. */
public final class RecordingListener implements AgentListener {
    private final List<AgentEvent> events = new ArrayList<>();

    @Override
    public synchronized void onEvent(AgentEvent event) {
        events.add(event);
    }

    /** Every event so far, in the order they arrived. */
    public synchronized List<AgentEvent> events() {
        return List.copyOf(events);
    }

    /** The events of one type, in order. */
    public synchronized <E extends AgentEvent> List<E> events(Class<E> type) {
        List<E> out = new ArrayList<>();
        for (AgentEvent e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    public synchronized void clear() {
        events.clear();
    }
}
