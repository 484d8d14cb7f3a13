// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

/**
 * Answers a server's elicitation request ({@code elicitation/create}): asks the person using the
 * embedding application and returns their answer. Set with
 * {@link McpOptions.Builder#elicitation}; without one, the client does not offer elicitation.
 * Called on an I/O thread while the server's tool call waits; may block (a terminal prompt).
 * Fields the person leaves out are filled from the schema's {@code default}s (SEP-1034).
 */
@FunctionalInterface
public interface McpElicitationHandler {
    /**
     * @param server the configured server name
     * @param message what the server asks, to show the person
     * @param requestedSchemaJson the JSON Schema of the answer (an object of primitive fields)
     */
    McpElicitation elicit(String server, String message, String requestedSchemaJson);

    /** Declines every request (for applications with nobody to ask). */
    static McpElicitationHandler declineAll() {
        return (server, message, schema) -> McpElicitation.decline();
    }
}
