// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.journal;

import org.openagention.core.AgentException;

/** The journal could not be written or read: a disk error, or a file that is not a journal. */
public class JournalException extends AgentException {
    public JournalException(String message) {
        super(message);
    }

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
