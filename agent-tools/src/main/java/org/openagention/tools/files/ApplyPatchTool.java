// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openagention.core.tool.Description;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.tools.Workspace;
import org.openagention.tools.WorkspaceException;
import org.openagention.tools.internal.ArgumentsJson;
import org.openagention.tools.internal.HostPaths;

/**
 * {@code apply_patch}: a Codex-format patch applied all-or-nothing. Every operation is checked
 * and computed in memory first; only when all of them succeed is anything written, and a write
 * that fails midway is undone.
 *
 * <p>Stricter than the reference tool in two ways that protect work: {@code *** Add File} refuses
 * a file that exists, and {@code *** Move to} refuses a destination that exists. A chunk with no
 * old lines is inserted right after its {@code @@} anchor, or at the end of the file without one.
 *
 * <p>A patch refused because one of its paths is denied by the workspace (outside it, into
 * {@code .git}) is a {@code DENIED} result; every other problem a {@code TOOL_FAILED} one. Either
 * way every problem of the patch is listed. The summary counts, per file, the lines really added
 * and removed ({@code +1 -1} for one changed line), never the context lines around them.
 */
final class ApplyPatchTool {
    record Args(@Description("The patch text, from '*** Begin Patch' to '*** End Patch'") String input) {}

    private final Workspace workspace;
    private final ReadLedger ledger;

    private ApplyPatchTool(Workspace workspace, ReadLedger ledger) {
        this.workspace = workspace;
        this.ledger = ledger;
    }

    static Tool create(Workspace workspace, ReadLedger ledger) {
        ApplyPatchTool tool = new ApplyPatchTool(workspace, ledger);
        return Relearning.wrap(Tool.of("apply_patch",
                "Applies a patch that adds, updates, renames or deletes files, all-or-nothing. Format:\n"
                        + "*** Begin Patch\n"
                        + "*** Add File: path/new.txt\n+line of the new file\n"
                        + "*** Update File: path/old.py\n*** Move to: path/renamed.py   (optional)\n"
                        + "@@ def function_the_change_is_in():   (optional anchor)\n"
                        + " context line\n-removed line\n+added line\n"
                        + "*** Delete File: path/obsolete.txt\n"
                        + "*** End Patch\n"
                        + "Give about 3 lines of unchanged context around each change. Paths are relative to the "
                        + "workspace root.",
                Args.class, HostPaths.hidden(workspace, "apply_patch", (args, ctx) -> tool.apply(args.input()))),
                call -> ArgumentsJson.value(call.argumentsJson(), "input").ifPresent(tool::relearn));
    }

    /** After a replayed patch: every file it added, updated or moved, as it is now; deleted ones forgotten. */
    private void relearn(String patch) {
        try {
            for (CodexPatch.FileOp op : CodexPatch.parse(patch)) {
                ledger.relearn(op.path());
                if (op instanceof CodexPatch.Update update && !update.moveTo().isEmpty()) {
                    ledger.relearn(update.moveTo());
                }
            }
        } catch (CodexPatch.FormatException e) {
            // A replayed success parsed when it ran; nothing to learn from text that no longer does.
        }
    }

    private ToolResult apply(String patch) {
        List<CodexPatch.FileOp> ops;
        try {
            ops = CodexPatch.parse(patch);
        } catch (CodexPatch.FormatException e) {
            return ToolResult.error("The patch is malformed; no file was changed. " + e.getMessage());
        }
        FileTransaction tx = new FileTransaction();
        List<String> summary = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean denied = false;
        for (CodexPatch.FileOp op : ops) {
            try {
                plan(op, tx, summary, problems);
            } catch (WorkspaceException e) {
                problems.add(describe(op) + ": " + e.getMessage());
                denied |= e.isDenial();
            } catch (IOException e) {
                problems.add(describe(op) + ": could not read the file: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            return ToolResult.error(denied ? ToolResult.ErrorKind.DENIED : ToolResult.ErrorKind.TOOL_FAILED,
                    "apply_patch failed; no file was changed.\n- " + String.join("\n- ", problems));
        }
        try {
            tx.commit();
        } catch (IOException e) {
            return ToolResult.error("apply_patch failed while writing: " + e.getMessage() + ".");
        }
        for (Map.Entry<Path, Optional<byte[]>> change : tx.changes().entrySet()) {
            if (change.getValue().isPresent()) {
                ledger.record(change.getKey(), change.getValue().get());
            } else {
                ledger.forget(change.getKey());
            }
        }
        return ToolResult.success("Applied the patch:\n" + String.join("\n", summary));
    }

    private void plan(CodexPatch.FileOp op, FileTransaction tx, List<String> summary, List<String> problems)
            throws IOException {
        if (op instanceof CodexPatch.Add) {
            CodexPatch.Add add = (CodexPatch.Add) op;
            Path file = workspace.resolveForWrite(add.path());
            if (exists(file, tx)) {
                problems.add(describe(op) + ": the file already exists. Use '*** Update File' to change it.");
                return;
            }
            String blocker = blockingAncestor(file);
            if (blocker != null) {
                problems.add(describe(op) + ": " + blocker);
                return;
            }
            String text = add.lines().isEmpty() ? "" : String.join("\n", add.lines()) + "\n";
            tx.write(file, text.getBytes(StandardCharsets.UTF_8));
            summary.add("A " + add.path() + " (" + add.lines().size() + " lines)");
        } else if (op instanceof CodexPatch.Delete) {
            Path file = workspace.resolveForWrite(op.path());
            if (Files.isDirectory(file)) {
                problems.add(describe(op) + ": it is a directory; only files can be deleted.");
            } else if (!exists(file, tx)) {
                problems.add(describe(op) + ": the file does not exist" + Suggestions.similarNames(file) + ".");
            } else {
                tx.delete(file);
                summary.add("D " + op.path());
            }
        } else {
            planUpdate((CodexPatch.Update) op, tx, summary, problems);
        }
    }

    private void planUpdate(CodexPatch.Update op, FileTransaction tx, List<String> summary, List<String> problems)
            throws IOException {
        Path file = workspace.resolveForWrite(op.path());
        Path target = op.moveTo().isEmpty() ? file : workspace.resolveForWrite(op.moveTo());
        if (Files.isDirectory(file) || !exists(file, tx)) {
            problems.add(describe(op) + ": " + (Files.isDirectory(file) ? "it is a directory."
                    : "the file does not exist" + Suggestions.similarNames(file) + ". Use '*** Add File' to create it."));
            return;
        }
        if (!target.equals(file) && (exists(target, tx) || Files.isDirectory(target))) {
            problems.add(describe(op) + ": cannot move to " + op.moveTo() + ": that path already exists.");
            return;
        }
        String blocker = blockingAncestor(target);
        if (blocker != null) {
            problems.add(describe(op) + ": cannot move to " + op.moveTo() + ": " + blocker);
            return;
        }
        byte[] bytes = tx.touches(file) ? tx.pending(file).orElseThrow() : Files.readAllBytes(file);
        if (FileKinds.looksBinary(bytes, Math.min(bytes.length, FileKinds.SNIFF_BYTES * 4), true)) {
            problems.add(describe(op) + ": it is a binary file; patches apply to text files.");
            return;
        }
        TextFile text = TextFile.decode(new String(bytes, StandardCharsets.UTF_8));
        ChunkApplier.Result result = ChunkApplier.apply(text.lines(), op.chunks());
        for (String problem : result.problems()) {
            problems.add(describe(op) + ", " + problem);
        }
        if (!result.problems().isEmpty()) {
            return;
        }
        boolean finalNewline = text.lines().isEmpty() || text.finalNewline();
        byte[] out = text.withLines(result.lines(), finalNewline).encode().getBytes(StandardCharsets.UTF_8);
        if (!target.equals(file)) {
            tx.delete(file);
        }
        tx.write(target, out);
        String name = target.equals(file) ? "M " + op.path() : "R " + op.path() + " -> " + op.moveTo();
        String notes = result.notes().isEmpty() ? "" : "; " + String.join("; ", result.notes());
        summary.add(name + " (+" + result.added() + " -" + result.removed() + notes + ")");
    }

    private static boolean exists(Path file, FileTransaction tx) {
        return tx.touches(file) ? tx.pending(file).isPresent() : Files.isRegularFile(file);
    }

    /** Why {@code file} cannot be created because a parent path is a file, or null. */
    private String blockingAncestor(Path file) {
        for (Path p = file.getParent(); p != null && p.startsWith(workspace.root()); p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                return workspace.relativize(p) + " is a file, so no file can be created inside it.";
            }
        }
        return null;
    }

    private static String describe(CodexPatch.FileOp op) {
        String kind = op instanceof CodexPatch.Add ? "Add File" : op instanceof CodexPatch.Delete ? "Delete File" : "Update File";
        return kind + " " + op.path() + " (patch line " + op.line() + ")";
    }
}
