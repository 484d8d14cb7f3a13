// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

/**
 * Answers a server's sampling request with a model completion. Set with
 * {@link McpOptions.Builder#sampling}; without one, the client does not offer sampling.
 * {@link McpSampling#withModel} routes requests to an agent's own model under a token budget and
 * an approval policy. Throw {@link McpRequestException} to refuse: the server gets an error with
 * its message. Called on an I/O thread while the server's tool call waits.
 */
@FunctionalInterface
public interface McpSamplingHandler {
    Result sample(McpSamplingRequest request);

    /** The completion: its text, the model that wrote it, and why it stopped ({@code endTurn}, {@code maxTokens}...). */
    record Result(String text, String model, String stopReason) {}
}
