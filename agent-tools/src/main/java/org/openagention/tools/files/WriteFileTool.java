// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.openagention.core.tool.Description;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.tools.Workspace;
import org.openagention.tools.internal.ArgumentsJson;
import org.openagention.tools.internal.HostPaths;

/**
 * {@code write_file}: creates a file (and its parent directories) or overwrites one. Overwriting an
 * existing file needs a read of it first, and the file must not have changed since (the rule of
 * edit_file): a model that never saw a file's content must not destroy it.
 */
final class WriteFileTool {
    record Args(
            @Description("Path of the file, relative to the workspace root") String path,
            @Description("The complete new content of the file") String content) {}

    private final Workspace workspace;
    private final ReadLedger ledger;

    private WriteFileTool(Workspace workspace, ReadLedger ledger) {
        this.workspace = workspace;
        this.ledger = ledger;
    }

    static Tool create(Workspace workspace, ReadLedger ledger) {
        WriteFileTool tool = new WriteFileTool(workspace, ledger);
        return Relearning.wrap(Tool.of("write_file",
                "Writes a file with the given content, creating parent directories as needed. To overwrite an "
                        + "existing file you must have read it with read_file first, and it must not have changed "
                        + "since. Prefer edit_file or apply_patch to change part of an existing file.",
                Args.class, HostPaths.hidden(workspace, "write_file", (args, ctx) -> tool.write(args))),
                call -> ArgumentsJson.value(call.argumentsJson(), "path").ifPresent(ledger::relearn));
    }

    private ToolResult write(Args args) throws IOException {
        FileChange.Opened opened = FileChange.open(workspace, args.path(), "write_file needs a file path.");
        if (opened instanceof FileChange.Refused refused) {
            return refused.result();
        }
        FileChange.Ready target = (FileChange.Ready) opened;
        Optional<ToolResult> stale = FileChange.refuseStale(ledger, target, "Refusing to overwrite: ");
        if (stale.isPresent()) {
            return stale.get();
        }
        Path parent = target.file().getParent();
        if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
            return ToolResult.error("Cannot create " + args.path() + ": " + workspace.relativize(parent)
                    + " is a file, not a directory.");
        }
        if (parent != null) {
            Files.createDirectories(parent);
        }
        byte[] bytes = args.content().getBytes(StandardCharsets.UTF_8);
        FileChange.write(ledger, target, bytes);
        long lines = TextFile.decode(args.content()).lines().size();
        return ToolResult.success((target.current().isPresent() ? "Overwrote " : "Created ") + args.path() + ": "
                + bytes.length + " bytes, " + lines + (lines == 1 ? " line." : " lines."));
    }
}
