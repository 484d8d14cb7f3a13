// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import java.util.List;

/**
 * The MCP conformance suite's test server, built only on our public server API: the tools,
 * resources and prompts its server scenarios call (named as in the suite's
 * {@code examples/servers/typescript/everything-server.ts}). {@code main} serves it over HTTP on
 * the given port (0: any) and prints {@code MCP endpoint: URL} to stderr.
 */
final class ConformanceFixture {
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    static final String WAV = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=";
    private static final String EMPTY = "{\"type\":\"object\",\"properties\":{}}";

    private ConformanceFixture() {}

    static McpToolServer server() {
        McpToolServer.Builder b = McpToolServer.builder().name("openagention-conformance-fixture").version("1.0.0");
        tools(b);
        resources(b);
        prompts(b);
        return b.build();
    }

    private static void tools(McpToolServer.Builder b) {
        b.addTool(McpServedTool.of("test_simple_text", "Tests simple text content response", EMPTY,
                (args, ctx) -> McpToolResult.text("This is a simple text response for testing.")));
        b.addTool(McpServedTool.of("test_image_content", "Tests image content response", EMPTY,
                (args, ctx) -> McpToolResult.of(new McpContent.Image(PNG, "image/png"))));
        b.addTool(McpServedTool.of("test_audio_content", "Tests audio content response", EMPTY,
                (args, ctx) -> McpToolResult.of(new McpContent.Audio(WAV, "audio/wav"))));
        b.addTool(McpServedTool.of("test_embedded_resource", "Tests embedded resource content response", EMPTY,
                (args, ctx) -> McpToolResult.of(new McpContent.Resource(McpResourceContents.text("test://embedded-resource",
                        "text/plain", "This is an embedded resource content.")))));
        b.addTool(McpServedTool.of("test_multiple_content_types", "Tests response with multiple content types (text, image, resource)",
                EMPTY, (args, ctx) -> McpToolResult.of(new McpContent.Text("Multiple content types test:"),
                        new McpContent.Image(PNG, "image/png"),
                        new McpContent.Resource(McpResourceContents.text("test://mixed-content-resource", "application/json",
                                "{\"test\":\"data\",\"value\":123}")))));
        b.addTool(McpServedTool.of("test_tool_with_logging", "Tests tool that emits log messages during execution", EMPTY,
                (args, ctx) -> {
                    ctx.log(McpCallContext.LogLevel.INFO, "Tool execution started");
                    ctx.log(McpCallContext.LogLevel.INFO, "Tool processing data");
                    ctx.log(McpCallContext.LogLevel.INFO, "Tool execution completed");
                    return McpToolResult.text("Tool with logging executed successfully");
                }));
        b.addTool(McpServedTool.of("test_tool_with_progress", "Tests tool that reports progress notifications", EMPTY,
                (args, ctx) -> {
                    for (int step : new int[] {0, 50, 100}) {
                        ctx.progress(step, 100, "Completed step " + step + " of 100");
                    }
                    return McpToolResult.text("Progress reported");
                }));
        b.addTool(McpServedTool.of("test_error_handling", "Tests error response handling", EMPTY,
                (args, ctx) -> McpToolResult.error("This tool intentionally returns an error for testing")));
        b.addTool(McpServedTool.of("test_reconnection", "Tests SSE stream disconnection and client reconnection (SEP-1699)", EMPTY,
                (args, ctx) -> McpToolResult.text("Reconnection test completed successfully.")));
        b.addTool(McpServedTool.of("test_sampling", "Tests server-initiated sampling (LLM completion request)",
                "{\"type\":\"object\",\"properties\":{\"prompt\":{\"type\":\"string\",\"description\":\"The prompt to send to the LLM\"}},\"required\":[\"prompt\"]}",
                (args, ctx) -> McpToolResult.text("LLM response: " + ctx.sample(field(args, "prompt"), 100))));
        b.addTool(McpServedTool.of("test_elicitation", "Tests server-initiated elicitation (user input request)",
                "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\",\"description\":\"The message to show the user\"}},\"required\":[\"message\"]}",
                (args, ctx) -> elicited("User response: ", ctx.elicit(field(args, "message"),
                        "{\"type\":\"object\",\"properties\":{\"response\":{\"type\":\"string\",\"description\":\"User's response\"}},\"required\":[\"response\"]}"))));
        b.addTool(McpServedTool.of("test_elicitation_sep1034_defaults", "Tests elicitation with default values per SEP-1034", EMPTY,
                (args, ctx) -> elicited("Elicitation completed: ", ctx.elicit("Please review and update the form fields with defaults",
                        "{\"type\":\"object\",\"properties\":{"
                                + "\"name\":{\"type\":\"string\",\"description\":\"User name\",\"default\":\"John Doe\"},"
                                + "\"age\":{\"type\":\"integer\",\"description\":\"User age\",\"default\":30},"
                                + "\"score\":{\"type\":\"number\",\"description\":\"User score\",\"default\":95.5},"
                                + "\"status\":{\"type\":\"string\",\"description\":\"User status\",\"enum\":[\"active\",\"inactive\",\"pending\"],\"default\":\"active\"},"
                                + "\"verified\":{\"type\":\"boolean\",\"description\":\"Verification status\",\"default\":true}},\"required\":[]}"))));
        b.addTool(McpServedTool.of("test_elicitation_sep1330_enums", "Tests elicitation with enum schema improvements per SEP-1330", EMPTY,
                (args, ctx) -> elicited("Elicitation completed: ", ctx.elicit("Please select options from the enum fields",
                        "{\"type\":\"object\",\"properties\":{"
                                + "\"untitledSingle\":{\"type\":\"string\",\"description\":\"Select one option\",\"enum\":[\"option1\",\"option2\",\"option3\"]},"
                                + "\"titledSingle\":{\"type\":\"string\",\"description\":\"Select one option with titles\",\"oneOf\":["
                                + "{\"const\":\"value1\",\"title\":\"First Option\"},{\"const\":\"value2\",\"title\":\"Second Option\"},{\"const\":\"value3\",\"title\":\"Third Option\"}]},"
                                + "\"legacyEnum\":{\"type\":\"string\",\"description\":\"Select one option (legacy)\",\"enum\":[\"opt1\",\"opt2\",\"opt3\"],"
                                + "\"enumNames\":[\"Option One\",\"Option Two\",\"Option Three\"]},"
                                + "\"untitledMulti\":{\"type\":\"array\",\"description\":\"Select multiple options\",\"minItems\":1,\"maxItems\":3,"
                                + "\"items\":{\"type\":\"string\",\"enum\":[\"option1\",\"option2\",\"option3\"]}},"
                                + "\"titledMulti\":{\"type\":\"array\",\"description\":\"Select multiple options with titles\",\"minItems\":1,\"maxItems\":3,"
                                + "\"items\":{\"anyOf\":[{\"const\":\"value1\",\"title\":\"First Choice\"},{\"const\":\"value2\",\"title\":\"Second Choice\"},"
                                + "{\"const\":\"value3\",\"title\":\"Third Choice\"}]}}},\"required\":[]}"))));
        b.addTool(McpServedTool.of("json_schema_2020_12_tool", "Tool with JSON Schema 2020-12 features for conformance testing (SEP-1613)",
                "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
                        + "\"$defs\":{\"address\":{\"type\":\"object\",\"properties\":{\"street\":{\"type\":\"string\"},\"city\":{\"type\":\"string\"}}}},"
                        + "\"properties\":{\"name\":{\"type\":\"string\"},\"address\":{\"$ref\":\"#/$defs/address\"}},\"additionalProperties\":false}",
                (args, ctx) -> McpToolResult.text("JSON Schema 2020-12 tool called with: " + args)));
    }

    private static McpToolResult elicited(String prefix, McpElicitation e) {
        return McpToolResult.text(prefix + "action=" + e.action() + ", content=" + e.contentJson().orElse("{}"));
    }

    private static String field(String json, String name) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path(name).asText();
    }

    private static void resources(McpToolServer.Builder b) {
        b.addResource(McpResource.fixed("test://static-text", "static-text", "A static text resource for testing", "text/plain",
                uri -> List.of(McpResourceContents.text(uri, "text/plain", "This is the content of the static text resource."))));
        b.addResource(McpResource.fixed("test://static-binary", "static-binary", "A static binary resource (image) for testing",
                "image/png", uri -> List.of(McpResourceContents.blob(uri, "image/png", PNG))));
        b.addResource(McpResource.fixed("test://watched-resource", "watched-resource", "A resource that changes", "text/plain",
                uri -> List.of(McpResourceContents.text(uri, "text/plain", "Watched resource content"))));
        b.addResource(McpResource.template("test://template/{id}/data", "template", "A resource template with parameter substitution",
                "application/json", uri -> {
                    String id = uri.substring("test://template/".length(), uri.length() - "/data".length());
                    return List.of(McpResourceContents.text(uri, "application/json",
                            "{\"id\":\"" + id + "\",\"templateTest\":true,\"data\":\"Data for ID: " + id + "\"}"));
                }));
    }

    private static void prompts(McpToolServer.Builder b) {
        b.addPrompt(McpPrompt.of("test_simple_prompt", "A simple prompt without arguments", List.of(),
                args -> List.of(McpPrompt.Message.user("This is a simple prompt for testing."))));
        b.addPrompt(McpPrompt.of("test_prompt_with_arguments", "A prompt with required arguments",
                List.of(new McpPrompt.Argument("arg1", "First test argument", true),
                        new McpPrompt.Argument("arg2", "Second test argument", true)),
                args -> List.of(McpPrompt.Message.user("Prompt with arguments: arg1='" + args.get("arg1") + "', arg2='" + args.get("arg2") + "'")))
                .withCompleter((arg, prefix) -> List.of("paris", "park", "party").stream().filter(v -> v.startsWith(prefix)).toList()));
        b.addPrompt(McpPrompt.of("test_prompt_with_embedded_resource", "A prompt that includes an embedded resource",
                List.of(new McpPrompt.Argument("resourceUri", "URI of the resource to embed", true)),
                args -> List.of(McpPrompt.Message.user(new McpContent.Resource(McpResourceContents.text(args.get("resourceUri"),
                        "text/plain", "Embedded resource content for testing."))),
                        McpPrompt.Message.user("Please process the embedded resource above."))));
        b.addPrompt(McpPrompt.of("test_prompt_with_image", "A prompt that includes image content", List.of(),
                args -> List.of(McpPrompt.Message.user(new McpContent.Image(PNG, "image/png")),
                        McpPrompt.Message.user("Please analyze the image above."))));
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        try (McpToolServer.HttpEndpoint endpoint = server().startHttp(port)) {
            System.err.println("MCP endpoint: " + endpoint.uri());
            Thread.currentThread().join();
        }
    }
}
