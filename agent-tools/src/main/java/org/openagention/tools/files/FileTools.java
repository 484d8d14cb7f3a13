// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.util.List;
import java.util.Objects;
import org.openagention.core.tool.Tool;
import org.openagention.tools.Workspace;

/**
 * The file tools of a coding agent, confined to one {@link Workspace}: {@code read_file},
 * {@code write_file}, {@code edit_file}, {@code apply_patch}, {@code list_dir} and
 * {@code todo_write}.
 *
 * <p>The tools of one {@code FileTools} share a read ledger: what the agent last read or wrote of
 * each file (a content hash). {@code edit_file} and an overwriting {@code write_file} refuse a
 * file the agent has not read, or that changed on disk since it last did, with a {@code DENIED}
 * result (counted by {@code RunResult.toolRefusals()}) that asks the model to read it again; creating a new file needs no read. {@code apply_patch} needs no prior read (its
 * context lines are checked against the file as it is) and updates the ledger for what it writes.
 * Every path is resolved through the workspace: one that escapes it becomes a {@code DENIED} result
 * naming the path as the model gave it, and nothing is touched. What the tools say names files
 * relative to the workspace, never by where the workspace lives on the host.
 *
 * <pre>{@code
 * Workspace ws = Workspace.local(Path.of("/home/me/project"));
 * Agent agent = Agent.builder().model(model).tools(FileTools.all(ws)).build();
 *
 * // or keep the set to read the agent's plan while it runs:
 * FileTools files = FileTools.forWorkspace(ws);
 * ... files.tools() ... files.todoList().render() ...
 * }</pre>
 *
 * Immutable and thread-safe; the tools may be called concurrently.
 */
public final class FileTools {
    private final Workspace workspace;
    private final TodoList todoList;
    private final ReadLedger ledger;
    private final List<Tool> tools;

    private FileTools(Workspace workspace, TodoList todoList) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.todoList = Objects.requireNonNull(todoList, "todoList");
        this.ledger = new ReadLedger(workspace);
        this.tools = List.of(ReadFileTool.create(workspace, ledger), WriteFileTool.create(workspace, ledger),
                EditFileTool.create(workspace, ledger), ApplyPatchTool.create(workspace, ledger),
                ListDirTool.create(workspace), TodoWriteTool.create(todoList));
    }

    /** All the file tools over {@code workspace}, sharing one read ledger and a fresh plan. */
    public static List<Tool> all(Workspace workspace) {
        return forWorkspace(workspace).tools();
    }

    /** A set of file tools over {@code workspace} with a fresh {@link TodoList}. */
    public static FileTools forWorkspace(Workspace workspace) {
        return new FileTools(workspace, new TodoList());
    }

    /** A set of file tools over {@code workspace} whose {@code todo_write} writes to {@code todoList}. */
    public static FileTools forWorkspace(Workspace workspace, TodoList todoList) {
        return new FileTools(workspace, todoList);
    }

    /** A {@code todo_write} tool on its own, writing to {@code todoList} (it needs no workspace). */
    public static Tool todoWrite(TodoList todoList) {
        return TodoWriteTool.create(Objects.requireNonNull(todoList, "todoList"));
    }

    /** Every tool of this set, in a stable order. */
    public List<Tool> tools() {
        return tools;
    }

    /** {@code read_file}: numbered lines, offset and limit, binary and huge files described. */
    public Tool readFile() {
        return tools.get(0);
    }

    /** {@code write_file}: creates or (after a read) overwrites a file. */
    public Tool writeFile() {
        return tools.get(1);
    }

    /** {@code edit_file}: an exact, unique replacement with a bounded tolerance ladder. */
    public Tool editFile() {
        return tools.get(2);
    }

    /** {@code apply_patch}: a patch in the Codex format, applied all-or-nothing. */
    public Tool applyPatch() {
        return tools.get(3);
    }

    /** {@code list_dir}: a directory's entries, directories first. */
    public Tool listDir() {
        return tools.get(4);
    }

    /** {@code todo_write}: the agent's plan, written to {@link #todoList()}. */
    public Tool todoWrite() {
        return tools.get(5);
    }

    /** The plan {@code todo_write} writes to. */
    public TodoList todoList() {
        return todoList;
    }

    /** The workspace the tools are confined to. */
    public Workspace workspace() {
        return workspace;
    }
}
