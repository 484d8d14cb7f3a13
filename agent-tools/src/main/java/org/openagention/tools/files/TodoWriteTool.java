// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.util.ArrayList;
import java.util.List;
import org.openagention.core.tool.Description;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

/** {@code todo_write}: the agent writes its whole plan each time; at most one item in progress. */
final class TodoWriteTool {
    /** Lower-case constants because these are the values the model sends. */
    enum ArgStatus {
        pending, in_progress, completed
    }

    record ArgItem(
            @Description("What to do, as a short imperative sentence") String content,
            @Description("pending, in_progress (at most one item) or completed") ArgStatus status) {}

    record Args(@Description("The complete plan, replacing the previous one") List<ArgItem> todos) {}

    private TodoWriteTool() {}

    static Tool create(TodoList list) {
        return Tool.of("todo_write",
                "Writes your plan for the task as a list of items, each pending, in_progress or completed. Send the "
                        + "whole list every time (it replaces the previous one). Keep exactly one item in_progress "
                        + "while you work, and mark items completed as soon as they are done.",
                Args.class, (args, ctx) -> write(list, args));
    }

    private static ToolResult write(TodoList list, Args args) {
        List<TodoList.Item> items = new ArrayList<>();
        List<Integer> inProgress = new ArrayList<>();
        for (int i = 0; i < args.todos().size(); i++) {
            ArgItem item = args.todos().get(i);
            if (item.content().isBlank()) {
                return ToolResult.error("Item " + (i + 1) + " has empty content. Describe every item.");
            }
            if (item.status() == ArgStatus.in_progress) {
                inProgress.add(i + 1);
            }
            items.add(new TodoList.Item(item.content().strip(), TodoList.Status.valueOf(item.status().name().toUpperCase(java.util.Locale.ROOT))));
        }
        if (inProgress.size() > 1) {
            return ToolResult.error("Items " + inProgress + " are all in_progress; at most one item may be in_progress. "
                    + "Mark the others pending or completed and send the list again.");
        }
        list.replace(items);
        return ToolResult.success(list.render());
    }
}
