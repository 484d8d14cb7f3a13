// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A prompt an {@link McpToolServer} serves ({@code prompts/list}, {@code prompts/get}): a named
 * template a user picks in their client, with arguments, rendered into messages. Immutable.
 *
 * <pre>{@code
 * McpPrompt review = McpPrompt.of("review", "Review a change", List.of(new McpPrompt.Argument("path", "File to review", true)),
 *         args -> List.of(McpPrompt.Message.user("Review " + args.get("path"))));
 * }</pre>
 */
public final class McpPrompt {
    /** An argument the user fills in. */
    public record Argument(String name, String description, boolean required) {
        public Argument {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
        }
    }

    /** One rendered message. */
    public record Message(boolean fromUser, McpContent content) {
        public Message {
            Objects.requireNonNull(content, "content");
        }

        public static Message user(String text) {
            return new Message(true, new McpContent.Text(text));
        }

        public static Message user(McpContent content) {
            return new Message(true, content);
        }
    }

    /** Renders the prompt; arguments absent from the request are absent from the map. */
    @FunctionalInterface
    public interface Renderer {
        List<Message> render(Map<String, String> arguments) throws Exception;
    }

    private final String name;
    private final String description;
    private final List<Argument> arguments;
    private final Renderer renderer;
    private final McpResource.Completer completer;

    private McpPrompt(String name, String description, List<Argument> arguments, Renderer renderer, McpResource.Completer completer) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.arguments = List.copyOf(arguments);
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.completer = Objects.requireNonNull(completer, "completer");
    }

    public static McpPrompt of(String name, String description, List<Argument> arguments, Renderer renderer) {
        return new McpPrompt(name, description, arguments, renderer, (a, p) -> List.of());
    }

    /** This prompt, completing argument values with {@code completer} ({@code completion/complete}). */
    public McpPrompt withCompleter(McpResource.Completer completer) {
        return new McpPrompt(name, description, arguments, renderer, completer);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public List<Argument> arguments() {
        return arguments;
    }

    public Renderer renderer() {
        return renderer;
    }

    public McpResource.Completer completer() {
        return completer;
    }
}
