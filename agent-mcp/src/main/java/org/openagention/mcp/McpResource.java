// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A resource an {@link McpToolServer} serves: a fixed URI ({@link #fixed}) listed in
 * {@code resources/list}, or a URI template ({@link #template}, RFC 6570 level 1, such as
 * {@code file:///{path}}) listed in {@code resources/templates/list}. Reading calls the reader with
 * the URI asked for; a reader's exception becomes the client's error, with its message. Clients
 * may subscribe to a fixed resource; tell them it changed with
 * {@link McpToolServer#notifyResourceUpdated(String)}. Immutable.
 */
public final class McpResource {
    /** Reads a resource by its URI. */
    @FunctionalInterface
    public interface Reader {
        List<McpResourceContents> read(String uri) throws Exception;
    }

    /** Suggests values for a template's variable from what the user typed so far. */
    @FunctionalInterface
    public interface Completer {
        List<String> complete(String variable, String prefix);
    }

    private final String uri;
    private final boolean template;
    private final String name;
    private final String description;
    private final String mimeType;
    private final Reader reader;
    private final Completer completer;

    private McpResource(String uri, boolean template, String name, String description, String mimeType, Reader reader,
            Completer completer) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.template = template;
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.mimeType = Objects.requireNonNull(mimeType, "mimeType");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.completer = Objects.requireNonNull(completer, "completer");
    }

    /** A resource at one URI. */
    public static McpResource fixed(String uri, String name, String description, String mimeType, Reader reader) {
        return new McpResource(uri, false, name, description, mimeType, reader, (v, p) -> List.of());
    }

    /** Resources matching a URI template; the reader gets the full URI asked for. */
    public static McpResource template(String uriTemplate, String name, String description, String mimeType, Reader reader) {
        if (!uriTemplate.contains("{")) {
            throw new IllegalArgumentException("not a URI template (no {variable}): " + uriTemplate);
        }
        return new McpResource(uriTemplate, true, name, description, mimeType, reader, (v, p) -> List.of());
    }

    /** This template, completing its variables with {@code completer} ({@code completion/complete}). */
    public McpResource withCompleter(Completer completer) {
        return new McpResource(uri, template, name, description, mimeType, reader, completer);
    }

    /** The URI, or the URI template. */
    public String uri() {
        return uri;
    }

    public boolean isTemplate() {
        return template;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String mimeType() {
        return mimeType;
    }

    public Reader reader() {
        return reader;
    }

    public Completer completer() {
        return completer;
    }

    /** Adapts a reader that ignores the URI. */
    public static Reader constant(Function<String, McpResourceContents> read) {
        return u -> List.of(read.apply(u));
    }
}
