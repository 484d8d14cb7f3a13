// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openagention.mcp.McpElicitation;
import org.openagention.mcp.McpElicitationHandler;
import org.openagention.mcp.McpOptions;
import org.openagention.mcp.McpRequestException;
import org.openagention.mcp.McpSamplingHandler;
import org.openagention.mcp.McpSamplingRequest;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The client's side of server-to-client requests: the capabilities offered (elicitation,
 * sampling, roots: each only when {@link McpOptions} has its handler or directories) and the
 * handlers, run off the I/O threads since they may block on a person or a model.
 */
final class ClientRequests {
    private ClientRequests() {}

    static McpClient.AsyncSpec configure(McpClient.AsyncSpec spec, String server, McpOptions options) {
        McpSchema.ClientCapabilities.Builder caps = McpSchema.ClientCapabilities.builder();
        options.elicitation().ifPresent(h -> {
            caps.elicitation();
            spec.elicitation(request -> Mono.fromCallable(() -> elicit(h, server, request)).subscribeOn(Schedulers.boundedElastic()));
        });
        options.sampling().ifPresent(h -> {
            caps.sampling();
            spec.sampling(request -> Mono.fromCallable(() -> sample(h, server, request)).subscribeOn(Schedulers.boundedElastic()));
        });
        if (!options.roots().isEmpty()) {
            caps.roots(false);
            spec.roots(options.roots().stream().map(ClientRequests::root).toList());
        }
        return spec.capabilities(caps.build());
    }

    private static McpSchema.Root root(Path dir) {
        Path name = dir.getFileName();
        return new McpSchema.Root(dir.toUri().toString(), name == null ? dir.toString() : name.toString());
    }

    static McpSchema.ElicitResult elicit(McpElicitationHandler handler, String server, McpSchema.ElicitFormRequest request) {
        Map<String, Object> schema = request.requestedSchema() == null ? Map.of() : request.requestedSchema();
        McpElicitation answer = handler.elicit(server, request.message(), McpJson.write(schema));
        McpSchema.ElicitResult.Action action = McpSchema.ElicitResult.Action.valueOf(answer.action().toUpperCase(java.util.Locale.ROOT));
        if (!answer.accepted()) {
            return new McpSchema.ElicitResult(action, null);
        }
        Map<String, Object> content = new LinkedHashMap<>(parse(answer.contentJson().orElse("{}")));
        withDefaults(schema, content);
        return new McpSchema.ElicitResult(action, content);
    }

    /** Fills the fields the person left out from the schema's {@code default}s (SEP-1034). */
    static void withDefaults(Map<String, Object> schema, Map<String, Object> content) {
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            properties.forEach((name, property) -> {
                if (property instanceof Map<?, ?> p && p.containsKey("default") && !content.containsKey(String.valueOf(name))) {
                    content.put(String.valueOf(name), p.get("default"));
                }
            });
        }
    }

    private static Map<String, Object> parse(String json) {
        try {
            return McpJson.MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (Exception e) {
            throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                    .message("the elicitation answer is not a JSON object: " + e.getMessage()).build();
        }
    }

    static McpSchema.CreateMessageResult sample(McpSamplingHandler handler, String server, McpSchema.CreateMessageRequest request) {
        List<McpSamplingRequest.Turn> turns = request.messages().stream()
                .map(m -> new McpSamplingRequest.Turn(m.role() == McpSchema.Role.USER, text(m.content()))).toList();
        McpSamplingRequest ours = new McpSamplingRequest(server, Optional.ofNullable(request.systemPrompt()), turns,
                request.maxTokens() == null ? 1000 : request.maxTokens());
        McpSamplingHandler.Result result;
        try {
            result = handler.sample(ours);
        } catch (McpRequestException e) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_REQUEST).message(e.getMessage()).build();
        }
        McpSchema.CreateMessageResult.StopReason stop = "maxTokens".equals(result.stopReason())
                ? McpSchema.CreateMessageResult.StopReason.MAX_TOKENS : McpSchema.CreateMessageResult.StopReason.END_TURN;
        return new McpSchema.CreateMessageResult(McpSchema.Role.ASSISTANT, new McpSchema.TextContent(result.text()),
                result.model(), stop);
    }

    private static String text(McpSchema.Content content) {
        if (content instanceof McpSchema.TextContent t) {
            return t.text();
        }
        return "[" + content.type() + " content]";
    }
}
