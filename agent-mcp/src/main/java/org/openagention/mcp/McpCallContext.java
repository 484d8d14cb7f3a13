// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

/**
 * What an {@link McpServedTool} may do while it runs, towards the client that called it: report
 * progress, log, and ask the client for a model completion (sampling) or for the user's input
 * (elicitation). Messages go on the call's own stream (streamable HTTP) or the session (stdio).
 * Valid only during the call; methods may be called from the handler's thread only.
 */
public interface McpCallContext {
    /** MCP's log levels (RFC 5424 severities), lowest first. */
    enum LogLevel { DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT, EMERGENCY }

    /**
     * Reports progress when the client asked for it (a {@code progressToken}); otherwise does
     * nothing.
     *
     * @param total the total, or a negative number when unknown
     */
    void progress(double progress, double total, String message);

    /** Sends a log message at {@code level}, if the client's {@code logging/setLevel} lets it through. */
    void log(LogLevel level, String message);

    /** Whether the client declared the sampling capability. */
    boolean canSample();

    /**
     * Asks the client's model to answer {@code prompt} (one user message) in at most
     * {@code maxTokens}, and returns the answer's text.
     *
     * @throws McpRequestException when the client cannot sample or refuses
     */
    String sample(String prompt, int maxTokens);

    /** Whether the client declared the elicitation capability. */
    boolean canElicit();

    /**
     * Asks the client's user for input: {@code message} shown to them, {@code requestedSchemaJson}
     * the JSON Schema (a flat object of primitive fields) of the answer.
     *
     * @throws McpRequestException when the client cannot elicit or the request fails
     */
    McpElicitation elicit(String message, String requestedSchemaJson);
}
