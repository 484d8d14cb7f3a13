// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

/** The caller configured something wrongly: a missing model, a duplicate tool name, a bad limit. */
public class ConfigurationException extends AgentException {
    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
