// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

/**
 * The root of every exception this library throws. Unchecked.
 *
 * <p>Subtypes are grouped by who is at fault: {@link org.openagention.core.model.ModelException}
 * (the provider failed), {@link ConfigurationException} (the caller configured something
 * wrongly), {@link StructuredOutputException} (the model kept answering badly),
 * {@link org.openagention.core.journal.JournalException} (the journal could not be read or
 * written). A limit that ends a run is not an exception: it is a {@link StopReason}.
 */
public class AgentException extends RuntimeException {
    public AgentException(String message) {
        super(message);
    }

    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
