// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events to listeners; a listener that throws is logged and ignored. */
final class Events {
    private static final Logger LOG = LoggerFactory.getLogger(Events.class);
    private final List<AgentListener> listeners;

    Events(List<AgentListener> listeners) {
        this.listeners = listeners;
    }

    /** Whether anyone listens; callers skip building events when no one does. */
    boolean active() {
        return !listeners.isEmpty();
    }

    void publish(AgentEvent event) {
        for (AgentListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Listener {} threw on {}; ignored", listener.getClass().getName(),
                        event.getClass().getSimpleName(), e);
            }
        }
    }
}
