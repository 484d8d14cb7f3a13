// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.util.ArrayList;
import java.util.List;

/**
 * A patch in the Codex {@code apply_patch} format, parsed: the file operations between
 * {@code *** Begin Patch} and {@code *** End Patch}.
 *
 * <pre>
 * *** Begin Patch
 * *** Add File: path        then "+" lines: the new file's content
 * *** Delete File: path
 * *** Update File: path
 * *** Move to: new/path     optional, right after Update File
 * @@ anchor text            a chunk; "@@" alone, or one or more "@@ text" lines that locate it
 *  context line            " " context, "-" removed, "+" added
 * *** End of File           optional: the chunk's old lines end the file
 * *** End Patch
 * </pre>
 *
 * Like the reference parser, it tolerates whitespace around the markers, a heredoc wrapper
 * ({@code <<'EOF'} ... {@code EOF}), CRLF line endings, and a first chunk without {@code @@}.
 */
final class CodexPatch {
    static final String BEGIN = "*** Begin Patch";
    static final String END = "*** End Patch";
    static final String ADD = "*** Add File: ";
    static final String DELETE = "*** Delete File: ";
    static final String UPDATE = "*** Update File: ";
    static final String MOVE = "*** Move to: ";
    static final String END_OF_FILE = "*** End of File";

    sealed interface FileOp permits Add, Delete, Update {
        String path();

        /** The 1-based line of the patch where this operation starts. */
        int line();
    }

    record Add(String path, List<String> lines, int line) implements FileOp {}

    record Delete(String path, int line) implements FileOp {}

    /** {@code moveTo} is empty when the file keeps its name. */
    record Update(String path, String moveTo, List<Chunk> chunks, int line) implements FileOp {}

    /**
     * One {@code @@} chunk. {@code contextOf.get(i)} is, for new line {@code i}, the index of the old
     * line it repeats (a context line), or -1 for an added line.
     */
    record Chunk(List<String> anchors, List<String> oldLines, List<String> newLines, List<Integer> contextOf,
            boolean endOfFile, int line) {}

    /** The patch text does not follow the format; the message says where and how. */
    static final class FormatException extends Exception {
        FormatException(String message) {
            super(message);
        }
    }

    private final List<String> lines;
    private int pos;

    private CodexPatch(List<String> lines) {
        this.lines = lines;
    }

    static List<FileOp> parse(String text) throws FormatException {
        List<String> lines = new ArrayList<>(List.of(text.replace("\r\n", "\n").strip().split("\n", -1)));
        if (lines.size() >= 4 && lines.get(0).matches("<<\\s*(EOF|'EOF'|\"EOF\")") && lines.get(lines.size() - 1).strip().endsWith("EOF")) {
            lines = new ArrayList<>(lines.subList(1, lines.size() - 1));
        }
        if (lines.isEmpty() || !lines.get(0).strip().equals(BEGIN)) {
            throw new FormatException("The first line of the patch must be '" + BEGIN + "'; got '"
                    + (lines.isEmpty() ? "" : lines.get(0)) + "'.");
        }
        if (lines.size() < 2 || !lines.get(lines.size() - 1).strip().equals(END)) {
            throw new FormatException("The last line of the patch must be '" + END + "'; got '"
                    + lines.get(lines.size() - 1) + "'.");
        }
        CodexPatch parser = new CodexPatch(lines.subList(0, lines.size() - 1));
        parser.pos = 1;
        List<FileOp> ops = parser.operations();
        if (ops.isEmpty()) {
            throw new FormatException("The patch contains no file operations. Add '" + ADD.strip() + "', '"
                    + UPDATE.strip() + "' or '" + DELETE.strip() + "' sections between the Begin and End lines.");
        }
        return ops;
    }

    private List<FileOp> operations() throws FormatException {
        List<FileOp> ops = new ArrayList<>();
        while (pos < lines.size()) {
            String header = lines.get(pos).strip();
            int line = pos + 1;
            if (header.isEmpty()) {
                pos++;
            } else if (header.startsWith(ADD.strip())) {
                pos++;
                List<String> content = new ArrayList<>();
                while (pos < lines.size() && lines.get(pos).startsWith("+")) {
                    content.add(lines.get(pos++).substring(1));
                }
                ops.add(new Add(path(header, ADD, line), content, line));
            } else if (header.startsWith(DELETE.strip())) {
                pos++;
                ops.add(new Delete(path(header, DELETE, line), line));
            } else if (header.startsWith(UPDATE.strip())) {
                pos++;
                ops.add(update(path(header, UPDATE, line), line));
            } else {
                throw new FormatException("Line " + line + ": '" + lines.get(pos) + "' is not a file operation. "
                        + "Each section starts with '" + ADD + "<path>', '" + UPDATE + "<path>' or '" + DELETE + "<path>'"
                        + (header.startsWith("+") || header.startsWith("-") || header.startsWith("@@")
                                ? " (is a header missing before it?)." : "."));
            }
        }
        return ops;
    }

    private static String path(String header, String marker, int line) throws FormatException {
        String path = header.substring(marker.strip().length()).strip();
        if (path.isEmpty()) {
            throw new FormatException("Line " + line + ": '" + marker.strip() + "' has no path.");
        }
        return path;
    }

    private Update update(String path, int line) throws FormatException {
        String moveTo = "";
        if (pos < lines.size() && lines.get(pos).strip().startsWith(MOVE.strip())) {
            moveTo = path(lines.get(pos).strip(), MOVE, pos + 1);
            pos++;
        }
        List<Chunk> chunks = new ArrayList<>();
        while (pos < lines.size()) {
            String current = lines.get(pos);
            if (current.strip().isEmpty()) {
                pos++;
                continue;
            }
            if (current.startsWith("***")) {
                break;
            }
            chunks.add(chunk(path, chunks.size() + 1));
        }
        if (chunks.isEmpty() && moveTo.isEmpty()) {
            throw new FormatException("Line " + line + ": '" + UPDATE + path + "' has no hunks. Add '@@' hunks with the "
                    + "lines to change, or '" + MOVE + "<path>' to rename the file.");
        }
        return new Update(path, moveTo, chunks, line);
    }

    private Chunk chunk(String path, int number) throws FormatException {
        int line = pos + 1;
        List<String> anchors = new ArrayList<>();
        while (pos < lines.size() && (lines.get(pos).equals("@@") || lines.get(pos).startsWith("@@ "))) {
            String anchor = lines.get(pos).substring(2).strip();
            if (!anchor.isEmpty()) {
                anchors.add(anchor);
            }
            pos++;
        }
        if (line == pos + 1 && number > 1) {
            throw new FormatException("Line " + line + ": hunk " + number + " of '" + path + "' must start with '@@'; got '"
                    + lines.get(pos) + "'.");
        }
        List<String> oldLines = new ArrayList<>();
        List<String> newLines = new ArrayList<>();
        List<Integer> contextOf = new ArrayList<>();
        boolean endOfFile = false;
        int parsed = 0;
        while (pos < lines.size()) {
            String l = lines.get(pos);
            if (l.strip().equals(END_OF_FILE)) {
                endOfFile = true;
                pos++;
                break;
            }
            char kind = l.isEmpty() ? ' ' : l.charAt(0);
            String content = l.isEmpty() ? "" : l.substring(1);
            if (kind == ' ') {
                contextOf.add(oldLines.size());
                oldLines.add(content);
                newLines.add(content);
            } else if (kind == '-') {
                oldLines.add(content);
            } else if (kind == '+') {
                contextOf.add(-1);
                newLines.add(content);
            } else {
                if (parsed == 0) {
                    throw new FormatException("Line " + (pos + 1) + ": unexpected line in hunk " + number + " of '" + path
                            + "': '" + l + "'. Every hunk line starts with ' ' (context), '-' (removed) or '+' (added).");
                }
                break;
            }
            parsed++;
            pos++;
        }
        if (parsed == 0) {
            throw new FormatException("Line " + line + ": hunk " + number + " of '" + path + "' has no lines.");
        }
        return new Chunk(anchors, oldLines, newLines, contextOf, endOfFile, line);
    }
}
