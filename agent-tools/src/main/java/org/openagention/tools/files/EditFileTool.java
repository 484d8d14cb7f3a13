// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openagention.core.tool.Description;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.tools.Workspace;
import org.openagention.tools.internal.ArgumentsJson;
import org.openagention.tools.internal.HostPaths;

/** {@code edit_file}: replaces an exact, unique string in a file, with a bounded tolerance ladder. */
final class EditFileTool {
    static final int CONTEXT_LINES = 3;
    private static final int MAX_SNIPPETS = 3;

    // Component names are the argument names models know (snake_case), hence the unusual style.
    record Args(
            @Description("Path of the file to edit, relative to the workspace root") String path,
            @Description("The exact text to replace, including enough surrounding lines to be unique in the file")
            String old_string,
            @Description("The text to put in its place (must differ from old_string)") String new_string,
            @Description("Replace every occurrence instead of requiring a unique one (default false)")
            Optional<Boolean> replace_all) {}

    private final Workspace workspace;
    private final ReadLedger ledger;

    private EditFileTool(Workspace workspace, ReadLedger ledger) {
        this.workspace = workspace;
        this.ledger = ledger;
    }

    static Tool create(Workspace workspace, ReadLedger ledger) {
        EditFileTool tool = new EditFileTool(workspace, ledger);
        return Relearning.wrap(Tool.of("edit_file",
                "Replaces old_string with new_string in a file. old_string must match the file exactly (read the "
                        + "file first; do not include the line numbers read_file shows) and must be unique, unless "
                        + "replace_all is true. If it is not unique, add surrounding lines to it. Small differences in "
                        + "trailing whitespace, indentation or Unicode punctuation are tolerated and reported. The file "
                        + "must have been read with read_file and not changed since.",
                Args.class, HostPaths.hidden(workspace, "edit_file", (args, ctx) -> tool.edit(args))),
                call -> ArgumentsJson.value(call.argumentsJson(), "path").ifPresent(ledger::relearn));
    }

    private ToolResult edit(Args args) throws IOException {
        if (args.old_string().isEmpty()) {
            return ToolResult.error("old_string is empty. To create a file use write_file; to insert text, put a line "
                    + "next to the insertion point in old_string and repeat it in new_string with the new text.");
        }
        if (args.old_string().equals(args.new_string())) {
            return ToolResult.error("old_string and new_string are identical, so this edit would change nothing. "
                    + "Give the new text in new_string.");
        }
        FileChange.Opened opened = FileChange.open(workspace, args.path(), "edit_file edits files. Use list_dir to see its entries.");
        if (opened instanceof FileChange.Refused refused) {
            return refused.result();
        }
        FileChange.Ready target = (FileChange.Ready) opened;
        if (target.current().isEmpty()) {
            return ToolResult.error("File not found: " + args.path() + Suggestions.similarNames(target.file())
                    + ". To create a new file, use write_file.");
        }
        byte[] bytes = target.current().get();
        if (FileKinds.looksBinary(bytes, Math.min(bytes.length, FileKinds.SNIFF_BYTES * 4), true)) {
            return ToolResult.error(args.path() + " is a binary file; edit_file only edits text files.");
        }
        Optional<ToolResult> stale = FileChange.refuseStale(ledger, target, "");
        if (stale.isPresent()) {
            return stale.get();
        }
        TextFile text = TextFile.decode(new String(bytes, StandardCharsets.UTF_8));
        String body = text.body();
        boolean crlf = text.eol().equals("\r\n");
        String oldString = crlf ? args.old_string().replace("\r\n", "\n") : args.old_string();
        String newString = crlf ? args.new_string().replace("\r\n", "\n") : args.new_string();
        EditMatcher.Outcome outcome = EditMatcher.find(body, oldString, newString, args.replace_all().orElse(false));
        if (outcome instanceof EditMatcher.Ambiguous) {
            return ambiguous(args.path(), (EditMatcher.Ambiguous) outcome);
        }
        if (outcome instanceof EditMatcher.NotFound) {
            return ToolResult.error("old_string was not found in " + args.path() + " (not exactly, and not with "
                    + "trailing whitespace, indentation or Unicode punctuation differences ignored).\n"
                    + NearestLines.describe(text.lines(), EditMatcher.lines(oldString)));
        }
        EditMatcher.Found found = (EditMatcher.Found) outcome;
        StringBuilder edited = new StringBuilder(body.length());
        List<int[]> changed = new ArrayList<>();
        int last = 0;
        int line = 1;
        for (EditMatcher.Replacement r : found.replacements()) {
            edited.append(body, last, r.start());
            line += newlines(body, last, r.start());
            int endLine = line + newlines(r.text(), 0, r.text().length());
            changed.add(new int[] {line, endLine});
            edited.append(r.text());
            line = endLine;
            last = r.end();
        }
        edited.append(body, last, body.length());
        TextFile result = text.withBody(edited.toString());
        FileChange.write(ledger, target, result.encode().getBytes(StandardCharsets.UTF_8));
        return ToolResult.success(summary(args.path(), found, result.lines(), changed));
    }

    private static int newlines(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static ToolResult ambiguous(String path, EditMatcher.Ambiguous a) {
        String where = a.lines().stream().map(String::valueOf).collect(Collectors.joining(", "));
        String how = a.rung() == EditMatcher.Rung.EXACT ? "" : " (" + a.rung().description + ")";
        return ToolResult.error("old_string matches " + a.lines().size() + " places in " + path + how
                + ", starting at lines " + where + ". Include more surrounding lines in old_string to pick one, "
                + "or set replace_all to true to change every one.");
    }

    private static String summary(String path, EditMatcher.Found found, List<String> lines, List<int[]> changed) {
        int count = found.replacements().size();
        StringBuilder out = new StringBuilder("Edited ").append(path).append(": ").append(count)
                .append(count == 1 ? " replacement" : " replacements");
        out.append(found.rung() == EditMatcher.Rung.EXACT ? "." : " (" + found.rung().description + ").");
        out.append('\n');
        for (int i = 0; i < Math.min(MAX_SNIPPETS, changed.size()); i++) {
            int[] c = changed.get(i);
            out.append(i == 0 ? "" : "...\n");
            out.append(NearestLines.numbered(lines, c[0] - 1 - CONTEXT_LINES, c[1] + CONTEXT_LINES));
        }
        if (changed.size() > MAX_SNIPPETS) {
            out.append("... and ").append(changed.size() - MAX_SNIPPETS).append(" more replacements.\n");
        }
        return out.toString();
    }
}
