// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools;

import java.util.ArrayList;
import java.util.List;
import org.openagention.core.tool.Tool;
import org.openagention.tools.files.FileTools;
import org.openagention.tools.search.SearchTools;
import org.openagention.tools.shell.ShellOptions;
import org.openagention.tools.shell.ShellTool;

/**
 * The coding tools of one workspace, with the names models know: {@code read_file},
 * {@code write_file}, {@code edit_file}, {@code apply_patch}, {@code list_dir}, {@code todo_write},
 * {@code glob}, {@code grep} and {@code shell}.
 *
 * <pre>{@code
 * Workspace ws = Workspace.local(Path.of("."));
 * Agent agent = Agent.builder()
 *         .model(model)
 *         .tools(CodingTools.all(ws))
 *         .addToolInterceptor(ApprovalPolicy.workspaceWrite().asInterceptor(Approver.nobody()))
 *         .build();
 * }</pre>
 *
 * Each call returns new tool instances; the file tools of one call share one read ledger (an edit
 * is refused for a file changed since it was read). Put the set behind an {@link ApprovalPolicy}:
 * the tools confine paths to the workspace, the policy decides what may run at all.
 */
public final class CodingTools {
    private CodingTools() {}

    /** Every coding tool, with an unsandboxed {@code shell} of default options. */
    public static List<Tool> all(Workspace workspace) {
        return all(workspace, ShellOptions.defaults());
    }

    /**
     * Every coding tool, with {@code shell} configured by {@code shell}.
     *
     * @throws org.openagention.tools.shell.SandboxUnavailableException when a sandboxed shell is
     *     asked for where bubblewrap cannot run: never a silent fallback to an unsandboxed one
     */
    public static List<Tool> all(Workspace workspace, ShellOptions shell) {
        List<Tool> tools = new ArrayList<>(FileTools.all(workspace));
        tools.add(SearchTools.glob(workspace));
        tools.add(SearchTools.grep(workspace));
        tools.add(ShellTool.create(workspace, shell));
        return List.copyOf(tools);
    }

    /** The tools that only read: {@code read_file}, {@code list_dir}, {@code glob}, {@code grep}. */
    public static List<Tool> readOnly(Workspace workspace) {
        List<Tool> tools = new ArrayList<>();
        for (Tool t : FileTools.all(workspace)) {
            if (t.readOnly()) {
                tools.add(t);
            }
        }
        tools.add(SearchTools.glob(workspace));
        tools.add(SearchTools.grep(workspace));
        return List.copyOf(tools);
    }
}
