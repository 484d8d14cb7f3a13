// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.openagention.core.tool.ToolHandler;
import org.openagention.core.tool.ToolResult;
import org.openagention.tools.Workspace;
import org.openagention.tools.WorkspaceException;

/**
 * Keeps the host's paths out of what the file and search tools tell a model: a model works with
 * paths relative to the workspace and has no business knowing where the workspace lives.
 *
 * <p>{@link #refusal} turns a refused path into a result ({@code DENIED} for a denial by the
 * confinement rules); {@link #hidden} wraps a tool's handler so that an I/O exception escaping it, or an
 * error result it returns, mentions the workspace root only as a relative path. Successful results
 * (file contents, search hits) are passed on untouched: they are the workspace's own text.
 */
public final class HostPaths {
    private HostPaths() {}

    /** The result for a path the workspace refused: {@code DENIED} for a denial, else {@code otherwise}. */
    public static ToolResult refusal(WorkspaceException e, ToolResult.ErrorKind otherwise) {
        return ToolResult.error(e.isDenial() ? ToolResult.ErrorKind.DENIED : otherwise, e.getMessage());
    }

    /**
     * {@code handler} of the tool {@code toolName}, with the workspace root made relative in its
     * errors: a refused path that escapes it becomes a result (see {@link #refusal}), an I/O
     * exception a {@code HANDLER_EXCEPTION} result, and the text of every error result loses the
     * root.
     */
    public static <A> ToolHandler<A> hidden(Workspace workspace, String toolName, ToolHandler<A> handler) {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(handler, "handler");
        return (args, context) -> {
            ToolResult result;
            try {
                result = handler.handle(args, context);
            } catch (WorkspaceException e) {
                result = refusal(e, ToolResult.ErrorKind.TOOL_FAILED);
            } catch (IOException | UncheckedIOException e) {
                Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
                result = ToolResult.error(ToolResult.ErrorKind.HANDLER_EXCEPTION, "Tool " + toolName + " failed: "
                        + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            }
            if (result instanceof ToolResult.Error error) {
                String text = PathGuard.withoutRoot(workspace.root(), error.text());
                return text.equals(error.text()) ? error : ToolResult.error(error.kind(), text);
            }
            return result;
        };
    }
}
