package org.openagention.tools;

import org.openagention.core.AgentException;

/**
 * A path or workspace operation was refused or failed: a path that escapes the workspace, a
 * write through {@code .git}, a root that is not a directory. The message names the path and the
 * rule; tools turn it into an error result the model can read.
 */
public class WorkspaceException extends AgentException {
    public WorkspaceException(String message) {
        super(message);
    }

    public WorkspaceException(String message, Throwable cause) {
        super(message, cause);
    }
}
