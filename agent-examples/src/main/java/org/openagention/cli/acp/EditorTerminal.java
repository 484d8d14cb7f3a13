// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli.acp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openagention.core.tool.ToolResult;

/**
 * A {@code shell} call run in one of the editor's terminals ({@code terminal/create}, shown in the
 * tool call, {@code terminal/wait_for_exit}, {@code terminal/output}, {@code terminal/release}),
 * killed on its timeout or when the prompt is cancelled. Like the shell tool, a non-zero exit is
 * an error result the model reads.
 */
final class EditorTerminal {
    private static final int DEFAULT_TIMEOUT_SECONDS = 120;
    private static final int MAX_TIMEOUT_SECONDS = 600;

    private final String sessionId;
    private final Path cwd;
    private final EditorClient editor;
    private final SessionUpdates updates;

    EditorTerminal(String sessionId, Path cwd, EditorClient editor, SessionUpdates updates) {
        this.sessionId = sessionId;
        this.cwd = cwd;
        this.editor = editor;
        this.updates = updates;
    }

    ToolResult run(String toolCallId, JsonNode args) throws InterruptedException {
        int timeout = Math.min(MAX_TIMEOUT_SECONDS, Math.max(1, args.path("timeout_seconds").asInt(DEFAULT_TIMEOUT_SECONDS)));
        ObjectNode create = AcpJson.object().put("sessionId", sessionId).put("command", "sh")
                .put("cwd", cwd.toString()).put("outputByteLimit", 200_000);
        create.set("args", AcpJson.array().add("-c").add(args.path("command").asText()));
        String terminalId = editor.call("terminal/create", create).path("terminalId").asText();
        updates.attach(toolCallId, AcpJson.object().put("type", "terminal").put("terminalId", terminalId));
        ObjectNode ref = AcpJson.object().put("sessionId", sessionId).put("terminalId", terminalId);
        try {
            JsonNode exit = waitForExit(ref, timeout);
            JsonNode output = editor.call("terminal/output", ref.deepCopy());
            String text = output.path("output").asText("") + (output.path("truncated").asBoolean() ? "\n(output truncated)" : "");
            if (exit == null) {
                return ToolResult.error("the command timed out after " + timeout + " s and was killed; output so far:\n" + text);
            }
            if (!exit.path("signal").isNull() && exit.path("signal").isTextual()) {
                return ToolResult.error("the command was killed by signal " + exit.path("signal").asText() + "\n" + text);
            }
            int code = exit.path("exitCode").asInt(0);
            return code == 0 ? ToolResult.success(text) : ToolResult.error("exit code " + code + "\n" + text);
        } finally {
            CompletableFuture.runAsync(() -> {
                try {
                    editor.call("terminal/release", ref.deepCopy());
                } catch (Exception e) {
                    // released when the session ends anyway
                }
            });
        }
    }

    /** The exit status, or null when the command ran past {@code timeout} seconds (then it is killed). */
    private JsonNode waitForExit(ObjectNode ref, int timeout) throws InterruptedException {
        CompletableFuture<JsonNode> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return editor.call("terminal/wait_for_exit", ref.deepCopy());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        try {
            return exit.get(timeout, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            kill(ref);
            return null;
        } catch (InterruptedException e) {
            kill(ref);
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the editor's terminal failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void kill(ObjectNode ref) {
        CompletableFuture.runAsync(() -> {
            try {
                editor.call("terminal/kill", ref.deepCopy());
            } catch (Exception e) {
                // nothing more to do
            }
        });
    }
}
