// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.tool.ToolResult;

class TodoWriteToolTest {
    @TempDir
    Path dir;

    @Test
    void writesPlanReadableFromJava() {
        Harness h = new Harness(dir);
        ToolResult r = h.call("todo_write", "todos", List.of(
                Map.of("content", "Read the failing test", "status", "completed"),
                Map.of("content", "Fix the subtraction", "status", "in_progress"),
                Map.of("content", "Run the suite", "status", "pending")));
        assertThat(r.text()).isEqualTo("[x] Read the failing test\n[>] Fix the subtraction\n[ ] Run the suite\n1 of 3 completed");
        TodoList plan = h.files.todoList();
        assertThat(plan.items()).extracting(TodoList.Item::status)
                .containsExactly(TodoList.Status.COMPLETED, TodoList.Status.IN_PROGRESS, TodoList.Status.PENDING);
        assertThat(plan.current()).map(TodoList.Item::content).hasValue("Fix the subtraction");
    }

    @Test
    void twoItemsInProgressIsACorrectableError() {
        Harness h = new Harness(dir);
        h.call("todo_write", "todos", List.of(Map.of("content", "keep", "status", "pending")));
        ToolResult r = h.call("todo_write", "todos", List.of(
                Map.of("content", "a", "status", "in_progress"),
                Map.of("content", "b", "status", "in_progress")));
        assertThat(r.isError()).isTrue();
        assertThat(r.text()).contains("Items [1, 2] are all in_progress").contains("at most one");
        assertThat(h.files.todoList().items()).extracting(TodoList.Item::content).containsExactly("keep");
    }

    @Test
    void unknownStatusIsRejectedBySchema() {
        Harness h = new Harness(dir);
        ToolResult r = h.call("todo_write", "todos", List.of(Map.of("content", "a", "status", "done")));
        assertThat(r.isError()).isTrue();
        assertThat(h.files.todoList().items()).isEmpty();
    }

    @Test
    void blankContentRejected() {
        Harness h = new Harness(dir);
        assertThat(h.call("todo_write", "todos", List.of(Map.of("content", " ", "status", "pending"))).text())
                .contains("Item 1 has empty content");
    }
}
