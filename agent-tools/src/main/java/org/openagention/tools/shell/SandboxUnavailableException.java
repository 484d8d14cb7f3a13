// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.shell;

import org.openagention.core.ConfigurationException;

/**
 * A sandboxed shell was asked for where no sandbox can run: bubblewrap is missing, or it cannot
 * create namespaces on this machine. The message says which. Nothing runs unsandboxed instead.
 */
public class SandboxUnavailableException extends ConfigurationException {
    public SandboxUnavailableException(String message) {
        super(message);
    }
}
