// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openagention.mcp.McpContent;
import org.openagention.mcp.McpPrompt;
import org.openagention.mcp.McpResource;
import org.openagention.mcp.McpResourceContents;
import org.openagention.mcp.McpServedTool;
import org.openagention.mcp.McpToolResult;

/**
 * Our public server-side values ({@link McpServedTool}, {@link McpResource}, {@link McpPrompt})
 * as the SDK's sync specifications, and our content as the SDK's. Stateless.
 */
public final class ServedFeatures {
    private static final int MAX_COMPLETIONS = 100;

    private ServedFeatures() {}

    public static McpServerFeatures.SyncToolSpecification tool(McpServedTool t, McpJsonMapper mapper) {
        McpSchema.Tool described = McpSchema.Tool.builder()
                .name(t.name())
                .description(t.description())
                .inputSchema(mapper, t.inputSchemaJson())
                .annotations(new McpSchema.ToolAnnotations(null, t.readOnly(), t.readOnly() ? false : null, null, null, null))
                .build();
        return McpServerFeatures.SyncToolSpecification.builder().tool(described).callHandler((exchange, request) -> {
            String args = McpJson.write(request.arguments() == null ? Map.of() : request.arguments());
            Object token = request.meta() == null ? null : request.meta().get("progressToken");
            try {
                return callResult(t.handler().call(args, new CallContext(exchange, token)));
            } catch (Exception e) {
                return McpSchema.CallToolResult.builder().addTextContent("Tool '" + t.name() + "' failed: " + e.getMessage())
                        .isError(true).build();
            }
        }).build();
    }

    static McpSchema.CallToolResult callResult(McpToolResult result) {
        return McpSchema.CallToolResult.builder().content(result.content().stream().map(ServedFeatures::content).toList())
                .isError(result.isError()).build();
    }

    static McpSchema.Content content(McpContent c) {
        if (c instanceof McpContent.Text t) {
            return new McpSchema.TextContent(t.text());
        } else if (c instanceof McpContent.Image i) {
            return new McpSchema.ImageContent(null, i.base64(), i.mimeType());
        } else if (c instanceof McpContent.Audio a) {
            return new McpSchema.AudioContent(null, a.base64(), a.mimeType());
        }
        return new McpSchema.EmbeddedResource(null, contents(((McpContent.Resource) c).contents()));
    }

    static McpSchema.ResourceContents contents(McpResourceContents r) {
        return r.text().<McpSchema.ResourceContents>map(text -> new McpSchema.TextResourceContents(r.uri(), r.mimeType(), text))
                .orElseGet(() -> new McpSchema.BlobResourceContents(r.uri(), r.mimeType(), r.base64().orElseThrow()));
    }

    /** Fixed resources as specifications (templates are skipped). */
    public static List<McpServerFeatures.SyncResourceSpecification> resources(List<McpResource> all) {
        List<McpServerFeatures.SyncResourceSpecification> specs = new ArrayList<>();
        for (McpResource r : all) {
            if (!r.isTemplate()) {
                McpSchema.Resource described = McpSchema.Resource.builder().uri(r.uri()).name(r.name())
                        .description(r.description()).mimeType(r.mimeType()).build();
                specs.add(new McpServerFeatures.SyncResourceSpecification(described, (ex, req) -> read(r, req.uri())));
            }
        }
        return specs;
    }

    /** Templates as specifications (fixed resources are skipped). */
    public static List<McpServerFeatures.SyncResourceTemplateSpecification> templates(List<McpResource> all) {
        List<McpServerFeatures.SyncResourceTemplateSpecification> specs = new ArrayList<>();
        for (McpResource r : all) {
            if (r.isTemplate()) {
                McpSchema.ResourceTemplate described = McpSchema.ResourceTemplate.builder(r.uri(), r.name())
                        .description(r.description()).mimeType(r.mimeType()).build();
                specs.add(new McpServerFeatures.SyncResourceTemplateSpecification(described, (ex, req) -> read(r, req.uri())));
            }
        }
        return specs;
    }

    private static McpSchema.ReadResourceResult read(McpResource r, String uri) {
        try {
            return new McpSchema.ReadResourceResult(r.reader().read(uri).stream().map(ServedFeatures::contents).toList());
        } catch (McpError e) {
            throw e;
        } catch (Exception e) {
            throw McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
                    .message("cannot read " + uri + ": " + e.getMessage()).data(uri).build();
        }
    }

    public static McpServerFeatures.SyncPromptSpecification prompt(McpPrompt p) {
        List<McpSchema.PromptArgument> args = p.arguments().stream()
                .map(a -> new McpSchema.PromptArgument(a.name(), a.description(), a.required())).toList();
        McpSchema.Prompt described = new McpSchema.Prompt(p.name(), p.description(), args);
        return new McpServerFeatures.SyncPromptSpecification(described, (ex, req) -> {
            Map<String, String> given = new LinkedHashMap<>();
            if (req.arguments() != null) {
                req.arguments().forEach((k, v) -> given.put(k, String.valueOf(v)));
            }
            for (McpPrompt.Argument a : p.arguments()) {
                if (a.required() && !given.containsKey(a.name())) {
                    throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                            .message("prompt '" + p.name() + "' needs the argument '" + a.name() + "'").build();
                }
            }
            try {
                List<McpSchema.PromptMessage> messages = p.renderer().render(Map.copyOf(given)).stream()
                        .map(m -> new McpSchema.PromptMessage(m.fromUser() ? McpSchema.Role.USER : McpSchema.Role.ASSISTANT,
                                content(m.content())))
                        .toList();
                return new McpSchema.GetPromptResult(p.description(), messages);
            } catch (Exception e) {
                throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                        .message("prompt '" + p.name() + "' failed: " + e.getMessage()).build();
            }
        });
    }

    /** A completion specification for each prompt and each resource template. */
    public static List<McpServerFeatures.SyncCompletionSpecification> completions(List<McpPrompt> prompts, List<McpResource> resources) {
        List<McpServerFeatures.SyncCompletionSpecification> specs = new ArrayList<>();
        for (McpPrompt p : prompts) {
            specs.add(new McpServerFeatures.SyncCompletionSpecification(new McpSchema.PromptReference(p.name()),
                    (ex, req) -> complete(p.completer(), req)));
        }
        for (McpResource r : resources) {
            if (r.isTemplate()) {
                specs.add(new McpServerFeatures.SyncCompletionSpecification(new McpSchema.ResourceReference(r.uri()),
                        (ex, req) -> complete(r.completer(), req)));
            }
        }
        return specs;
    }

    private static McpSchema.CompleteResult complete(McpResource.Completer completer, McpSchema.CompleteRequest req) {
        String value = req.argument().value() == null ? "" : req.argument().value();
        List<String> all = completer.complete(req.argument().name(), value);
        List<String> values = all.size() > MAX_COMPLETIONS ? all.subList(0, MAX_COMPLETIONS) : all;
        return new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(List.copyOf(values), all.size(),
                all.size() > values.size()));
    }

    /** Elicitation's requested schema as a map, for the SDK. */
    static Map<String, Object> schema(String json) {
        try {
            return McpJson.MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (Exception e) {
            throw new IllegalArgumentException("the requested schema is not a JSON object: " + e.getMessage(), e);
        }
    }
}
