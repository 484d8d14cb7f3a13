// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import org.openagention.core.AgentException;

/**
 * An MCP server could not be reached: its command did not start, it exited, it did not answer the
 * {@code initialize} handshake in time, or its HTTP endpoint refused the connection. The message
 * names the server, how it was reached and, for a stdio server, its exit code and last stderr
 * lines.
 *
 * <p>Thrown when connecting ({@link McpClient#connect}); once connected, a lost connection is
 * reported to the model as an error result of the call and the server is reconnected on the next
 * call.
 */
public class McpConnectionException extends AgentException {
    public McpConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
