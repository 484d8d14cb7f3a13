// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openagention.mcp.McpCallContext;
import org.openagention.mcp.McpElicitation;
import org.openagention.mcp.McpRequestException;

/** {@link McpCallContext} over the SDK's exchange for one {@code tools/call}. */
final class CallContext implements McpCallContext {
    private final McpSyncServerExchange exchange;
    private final Object progressToken;

    CallContext(McpSyncServerExchange exchange, Object progressToken) {
        this.exchange = exchange;
        this.progressToken = progressToken;
    }

    @Override
    public void progress(double progress, double total, String message) {
        if (progressToken != null) {
            exchange.progressNotification(new McpSchema.ProgressNotification(progressToken, progress,
                    total < 0 ? null : total, message));
        }
    }

    @Override
    public void log(LogLevel level, String message) {
        exchange.loggingNotification(new McpSchema.LoggingMessageNotification(
                McpSchema.LoggingLevel.valueOf(level.name()), null, message));
    }

    @Override
    public boolean canSample() {
        var caps = exchange.getClientCapabilities();
        return caps != null && caps.sampling() != null;
    }

    @Override
    public String sample(String prompt, int maxTokens) {
        if (!canSample()) {
            throw new McpRequestException("the client does not offer sampling (no sampling capability)");
        }
        McpSchema.CreateMessageRequest request = McpSchema.CreateMessageRequest.builder()
                .messages(List.of(new McpSchema.SamplingMessage(McpSchema.Role.USER, new McpSchema.TextContent(prompt))))
                .maxTokens(maxTokens)
                .build();
        try {
            McpSchema.CreateMessageResult result = exchange.createMessage(request);
            return result.content() instanceof McpSchema.TextContent t ? t.text() : String.valueOf(result.content());
        } catch (RuntimeException e) {
            throw new McpRequestException("sampling failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean canElicit() {
        var caps = exchange.getClientCapabilities();
        return caps != null && caps.elicitation() != null;
    }

    @Override
    public McpElicitation elicit(String message, String requestedSchemaJson) {
        if (!canElicit()) {
            throw new McpRequestException("the client does not offer elicitation (no elicitation capability)");
        }
        McpSchema.ElicitRequest request = McpSchema.ElicitRequest.builder(message, ServedFeatures.schema(requestedSchemaJson)).build();
        try {
            McpSchema.ElicitResult result = exchange.createElicitation(request);
            Optional<String> content = result.content() == null ? Optional.empty() : Optional.of(McpJson.write(result.content()));
            return new McpElicitation(result.action().name().toLowerCase(Locale.ROOT), content);
        } catch (RuntimeException e) {
            throw new McpRequestException("elicitation failed: " + e.getMessage(), e);
        }
    }
}
