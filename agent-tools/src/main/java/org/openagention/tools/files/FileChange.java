// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.openagention.core.tool.ToolResult;
import org.openagention.tools.Workspace;
import org.openagention.tools.WorkspaceException;
import org.openagention.tools.internal.HostPaths;

/**
 * The steps {@code edit_file} and {@code write_file} share around changing one file: resolve the
 * path for writing (a refused path becomes the result), refuse a directory, hold the file's
 * current bytes, check that the agent read that content ({@link ReadLedger}), and write the new
 * bytes and record them as read.
 */
final class FileChange {
    /** Either the file to change or the result that explains why it cannot be. */
    sealed interface Opened permits Ready, Refused {}

    /** {@code current} is empty when the file does not exist yet. */
    record Ready(Path file, String path, Optional<byte[]> current) implements Opened {}

    record Refused(ToolResult result) implements Opened {}

    private FileChange() {}

    /**
     * Resolves {@code path} for writing and reads what is there. {@code directoryHint} ends the
     * message for a path that is a directory.
     */
    static Opened open(Workspace workspace, String path, String directoryHint) throws IOException {
        Path file;
        try {
            file = workspace.resolveForWrite(path);
        } catch (WorkspaceException e) {
            return new Refused(HostPaths.refusal(e, ToolResult.ErrorKind.TOOL_FAILED));
        }
        if (Files.isDirectory(file)) {
            return new Refused(ToolResult.error(path + " is a directory; " + directoryHint));
        }
        return new Ready(file, path, Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty());
    }

    /**
     * Why the agent may not change the existing file of {@code ready} (prefixed by {@code lead}), or
     * empty. The refusal is of kind {@code DENIED}: the call was not run, so a caller counts it in
     * {@code RunResult.toolRefusals()}.
     */
    static Optional<ToolResult> refuseStale(ReadLedger ledger, Ready ready, String lead) {
        if (ready.current().isEmpty()) {
            return Optional.empty();
        }
        return ledger.staleness(ready.file(), ready.path(), ready.current().get())
                .map(why -> ToolResult.error(ToolResult.ErrorKind.DENIED, lead + why));
    }

    /** Writes {@code bytes} to the file of {@code ready} and records them as what the agent knows of it. */
    static void write(ReadLedger ledger, Ready ready, byte[] bytes) throws IOException {
        Files.write(ready.file(), bytes);
        ledger.record(ready.file(), bytes);
    }
}
