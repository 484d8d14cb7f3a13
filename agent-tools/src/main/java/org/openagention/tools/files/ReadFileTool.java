// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openagention.core.tool.Description;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.tools.Workspace;
import org.openagention.tools.WorkspaceException;
import org.openagention.tools.internal.ArgumentsJson;
import org.openagention.tools.internal.HostPaths;

/** {@code read_file}: a file's lines with line numbers, a range at a time, binary and huge files described. */
final class ReadFileTool {
    static final int MAX_LINES = 2000;
    static final int MAX_LINE_CHARS = 2000;
    static final int MAX_OUTPUT_CHARS = 200_000;
    static final long HUGE_BYTES = 4L * 1024 * 1024;

    record Args(
            @Description("Path of the file, relative to the workspace root") String path,
            @Description("1-based line number to start reading at (default 1)") Optional<Integer> offset,
            @Description("Maximum number of lines to return (default and maximum " + MAX_LINES + ")")
            Optional<Integer> limit) {}

    private final Workspace workspace;
    private final ReadLedger ledger;

    private ReadFileTool(Workspace workspace, ReadLedger ledger) {
        this.workspace = workspace;
        this.ledger = ledger;
    }

    static Tool create(Workspace workspace, ReadLedger ledger) {
        ReadFileTool tool = new ReadFileTool(workspace, ledger);
        return Relearning.wrap(Tool.readOnly("read_file",
                "Reads a text file and returns its lines prefixed with 1-based line numbers (a tab separates the "
                        + "number from the line). Returns at most " + MAX_LINES + " lines per call; use offset and "
                        + "limit to page through longer files. Lines longer than " + MAX_LINE_CHARS
                        + " characters are cut. Binary files and very large files are described instead of shown. "
                        + "Read a file before editing or overwriting it.",
                Args.class, HostPaths.hidden(workspace, "read_file", (args, ctx) -> tool.read(args))),
                call -> ArgumentsJson.value(call.argumentsJson(), "path").ifPresent(path -> tool.relearn(path,
                        ArgumentsJson.value(call.argumentsJson(), "offset").isPresent())));
    }

    /** Reads the first bytes of {@code file} into {@code head}; returns how many there were. */
    private static int sniff(Path file, byte[] head) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(head, 0, head.length);
        }
    }

    /** After a replayed read: the file as it is now, when a read of it counts (text, and not huge unless paged). */
    private void relearn(String path, boolean paged) {
        try {
            Path file = workspace.resolve(path);
            if (!Files.isRegularFile(file)) {
                return;
            }
            long size = Files.size(file);
            if (size > HUGE_BYTES && !paged) {
                return;
            }
            byte[] head = new byte[FileKinds.SNIFF_BYTES];
            int headLength = sniff(file, head);
            if (!FileKinds.looksBinary(head, headLength, size <= headLength)) {
                ledger.recordFromDisk(file);
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable now: the agent reads it again before changing it, as for any file.
        }
    }

    private ToolResult read(Args args) throws IOException {
        int offset = args.offset().orElse(1);
        int limit = args.limit().orElse(MAX_LINES);
        if (offset < 1) {
            return ToolResult.error("offset must be 1 or more (it is a 1-based line number); got " + offset + ".");
        }
        if (limit < 1) {
            return ToolResult.error("limit must be 1 or more; got " + limit + ".");
        }
        limit = Math.min(limit, MAX_LINES);
        Path file;
        try {
            file = workspace.resolve(args.path());
        } catch (WorkspaceException e) {
            return HostPaths.refusal(e, ToolResult.ErrorKind.TOOL_FAILED);
        }
        if (Files.isDirectory(file)) {
            return ToolResult.error(args.path() + " is a directory, not a file. Use list_dir to see its entries.");
        }
        if (!Files.isRegularFile(file)) {
            return ToolResult.error("File not found: " + args.path() + Suggestions.similarNames(file));
        }
        long size = Files.size(file);
        byte[] head = new byte[FileKinds.SNIFF_BYTES];
        int headLength = sniff(file, head);
        if (FileKinds.looksBinary(head, headLength, size <= headLength)) {
            return ToolResult.success(args.path() + " is a binary file (" + FileKinds.guessType(head, headLength,
                    file.getFileName().toString()) + ", " + FileKinds.size(size) + "); its contents are not shown.");
        }
        if (size > HUGE_BYTES) {
            if (args.offset().isEmpty()) {
                return ToolResult.success(args.path() + " is a large text file (" + FileKinds.size(size)
                        + "), too large to show whole. Read a range of it with offset and limit (at most " + MAX_LINES
                        + " lines per call), or search it with grep.");
            }
            return readRangeStreaming(args.path(), file, offset, limit);
        }
        byte[] bytes = Files.readAllBytes(file);
        ledger.record(file, bytes);
        TextFile text = TextFile.decode(new String(bytes, StandardCharsets.UTF_8));
        return render(args.path(), text.lines(), text.lines().size(), offset, limit);
    }

    private ToolResult readRangeStreaming(String display, Path file, int offset, int limit) throws IOException {
        List<String> window = new ArrayList<>();
        int total = 0;
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            while ((line = reader.readLine()) != null) {
                total++;
                if (total >= offset && window.size() < limit) {
                    window.add(line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS + 1) : line);
                }
            }
        }
        ledger.recordFromDisk(file);
        List<String> padded = new ArrayList<>(offset - 1 + window.size());
        for (int i = 1; i < offset && i <= total; i++) {
            padded.add("");
        }
        padded.addAll(window);
        return render(display, padded, total, offset, limit);
    }

    /** Lines {@code offset..offset+limit-1} of {@code lines} (a list that may stop early), numbered. */
    private static ToolResult render(String display, List<String> lines, int total, int offset, int limit) {
        if (total == 0) {
            return ToolResult.success("(" + display + " is empty)");
        }
        if (offset > total) {
            return ToolResult.error("offset " + offset + " is past the end of " + display + ", which has " + total
                    + " line" + (total == 1 ? "" : "s") + ".");
        }
        StringBuilder out = new StringBuilder();
        int last = Math.min(total, offset + limit - 1);
        int shownLast = offset - 1;
        for (int n = offset; n <= last; n++) {
            String line = lines.get(n - 1);
            if (line.length() > MAX_LINE_CHARS) {
                line = line.substring(0, MAX_LINE_CHARS) + " ... [line cut at " + MAX_LINE_CHARS + " characters]";
            }
            if (out.length() + line.length() > MAX_OUTPUT_CHARS && n > offset) {
                break;
            }
            out.append(String.format("%6d\t", n)).append(line).append('\n');
            shownLast = n;
        }
        if (shownLast < total) {
            out.append("\n(Showing lines ").append(offset).append('-').append(shownLast).append(" of ").append(total)
                    .append(". To read more, call read_file with offset=").append(shownLast + 1).append(".)");
        }
        return ToolResult.success(out.toString());
    }
}
