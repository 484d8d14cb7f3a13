// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools;

import org.openagention.core.AgentException;

/**
 * A path or workspace operation was refused or failed: a path that escapes the workspace, a
 * write through {@code .git}, a root that is not a directory. The message names the path and the
 * rule; tools turn it into an error result the model can read.
 *
 * <p>A {@linkplain #isDenial() denial} is a path the workspace's confinement refuses: outside the
 * root (by {@code ..}, an absolute path, {@code ~} or a symbolic link), a write into
 * {@code .git} or to a hard-linked file. The coding tools report a denial as a {@code DENIED}
 * result, like a call an approval policy refused; other failures (a malformed path, a symbolic
 * link loop, an I/O error) as ordinary tool failures. The message of a denial names the path as the
 * caller gave it and never the workspace's location on the host.
 */
public class WorkspaceException extends AgentException {
    private final boolean denial;

    public WorkspaceException(String message) {
        this(message, null, false);
    }

    public WorkspaceException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private WorkspaceException(String message, Throwable cause, boolean denial) {
        super(message, cause);
        this.denial = denial;
    }

    /** A refusal by the workspace's confinement rules (see {@link #isDenial()}). */
    public static WorkspaceException denial(String message) {
        return new WorkspaceException(message, null, true);
    }

    /** Whether the confinement rules refused the path, rather than the path being malformed or an operation failing. */
    public boolean isDenial() {
        return denial;
    }
}
