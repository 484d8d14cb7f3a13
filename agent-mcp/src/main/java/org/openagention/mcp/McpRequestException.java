// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

/** A request from server to client (sampling, elicitation) that failed, with the reason. */
public final class McpRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public McpRequestException(String message, Throwable cause) {
        super(message, cause);
    }

    public McpRequestException(String message) {
        super(message);
    }
}
