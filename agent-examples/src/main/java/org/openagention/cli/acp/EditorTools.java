// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli.acp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openagention.core.tool.ToolInterceptor;
import org.openagention.core.tool.ToolResult;

/**
 * The innermost tool interceptor of an editor session: marks a call in progress once the approval
 * policy let it through, and routes files through the editor when it offers its file system.
 *
 * <ul>
 *   <li>{@code read_file}: the editor's text of the file is asked for; when it differs from the disk
 *       (an unsaved buffer) the model gets the editor's text, numbered as read_file numbers lines;
 *       otherwise the file tool reads the disk as usual.
 *   <li>{@code write_file} and {@code edit_file}: the file tool computes and checks the change (its
 *       read-before-write rules hold); the change is shown as a diff, and when the editor writes
 *       files the new text is handed to it, so its buffer and the disk agree.
 *   <li>{@code shell}: when the editor offers terminals, through {@link EditorTerminal}.
 * </ul>
 */
final class EditorTools implements ToolInterceptor {
    private final String sessionId;
    private final Path cwd;
    private final EditorClient editor;
    private final SessionUpdates updates;

    EditorTools(String sessionId, Path cwd, EditorClient editor, SessionUpdates updates) {
        this.sessionId = sessionId;
        this.cwd = cwd;
        this.editor = editor;
        this.updates = updates;
    }

    @Override
    public ToolResult intercept(Chain chain) throws Exception {
        String id = chain.call().id();
        updates.send(ToolCallView.status(id, "in_progress"));
        JsonNode args = AcpJson.parse(chain.call().argumentsJson());
        String name = chain.call().name();
        if (name.equals("shell") && editor.terminals() && args.path("command").isTextual()) {
            return new EditorTerminal(sessionId, cwd, editor, updates).run(id, args);
        }
        if (!args.path("path").isTextual()) {
            return chain.proceed(chain.call());
        }
        Path file = cwd.resolve(args.path("path").asText()).normalize();
        if (!file.startsWith(cwd)) {
            return chain.proceed(chain.call()); // the tool refuses it, saying why
        }
        return switch (name) {
            case "read_file" -> read(chain, file, args);
            case "write_file", "edit_file" -> write(chain, file);
            default -> chain.proceed(chain.call());
        };
    }

    private ToolResult read(Chain chain, Path file, JsonNode args) throws Exception {
        if (!editor.readsFiles() || !Files.isRegularFile(file)) {
            return chain.proceed(chain.call());
        }
        String buffer = editor.readTextFile(sessionId, file.toString());
        String disk = Files.readString(file, StandardCharsets.UTF_8);
        if (buffer.equals(disk)) {
            return chain.proceed(chain.call());
        }
        int offset = Math.max(1, args.path("offset").asInt(1));
        int limit = Math.max(1, args.path("limit").asInt(2000));
        String[] lines = buffer.split("\n", -1);
        StringBuilder out = new StringBuilder("(the editor's unsaved text of " + args.path("path").asText()
                + "; save it before editing the file)\n");
        for (int i = offset - 1; i < lines.length && i < offset - 1 + limit; i++) {
            out.append(String.format("%6d\t%s%n", i + 1, lines[i]));
        }
        return ToolResult.success(out.toString());
    }

    private ToolResult write(Chain chain, Path file) throws Exception {
        String before = Files.isRegularFile(file) ? read(file) : null;
        ToolResult result = chain.proceed(chain.call());
        if (!(result instanceof ToolResult.Success) || !Files.isRegularFile(file)) {
            return result;
        }
        String after = read(file);
        updates.attach(chain.call().id(), ToolCallView.diff(file.toString(), before, after));
        if (editor.writesFiles()) {
            editor.writeTextFile(sessionId, file.toString(), after);
        }
        return result;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
