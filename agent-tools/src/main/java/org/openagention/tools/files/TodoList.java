// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import java.util.List;
import java.util.Objects;

/**
 * The agent's plan, as it last wrote it with the {@code todo_write} tool: items with a status, at
 * most one of them in progress.
 *
 * <p>Give the same list to {@link FileTools#forWorkspace(org.openagention.tools.Workspace, TodoList)}
 * (or {@link FileTools#todoWrite(TodoList)}) and read {@link #items()} from a CLI or UI to show the
 * plan while the agent works:
 *
 * <pre>{@code
 * TodoList plan = new TodoList();
 * FileTools tools = FileTools.forWorkspace(workspace, plan);
 * // ... run the agent with tools.all() ...
 * System.out.println(plan.render());
 * }</pre>
 *
 * Thread-safe: the tool replaces the whole list atomically and readers see one version or the next.
 */
public final class TodoList {
    /** Where an item stands. */
    public enum Status {
        PENDING, IN_PROGRESS, COMPLETED
    }

    /** One step of the plan. */
    public record Item(String content, Status status) {
        public Item {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(status, "status");
        }
    }

    private volatile List<Item> items = List.of();

    /** The current items, in the agent's order; empty until the agent writes its plan. */
    public List<Item> items() {
        return items;
    }

    /** The item in progress, if any. */
    public java.util.Optional<Item> current() {
        return items.stream().filter(i -> i.status() == Status.IN_PROGRESS).findFirst();
    }

    /** The list as text: {@code [x]} completed, {@code [>]} in progress, {@code [ ]} pending. */
    public String render() {
        List<Item> snapshot = items;
        if (snapshot.isEmpty()) {
            return "(no items)";
        }
        StringBuilder out = new StringBuilder();
        long done = 0;
        for (Item item : snapshot) {
            String mark = item.status() == Status.COMPLETED ? "[x] " : item.status() == Status.IN_PROGRESS ? "[>] " : "[ ] ";
            out.append(mark).append(item.content()).append('\n');
            done += item.status() == Status.COMPLETED ? 1 : 0;
        }
        out.append(done).append(" of ").append(snapshot.size()).append(" completed");
        return out.toString();
    }

    void replace(List<Item> newItems) {
        items = List.copyOf(newItems);
    }
}
