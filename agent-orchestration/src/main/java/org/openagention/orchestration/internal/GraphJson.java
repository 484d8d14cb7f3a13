// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.openagention.core.journal.JournalException;
import org.openagention.orchestration.graph.Task;

/** A graph's tasks as a JSON array of {@link TaskCodec} objects, and back ({@code TaskGraph.toJson}). */
public final class GraphJson {
    private GraphJson() {}

    public static String write(List<Task> tasks) {
        StringBuilder sb = new StringBuilder("[");
        for (Task t : tasks) {
            sb.append(sb.length() > 1 ? "," : "").append(TaskCodec.write(t));
        }
        return sb.append(']').toString();
    }

    public static List<Task> read(String json, Function<String, Task> originals) {
        JsonNode array;
        try {
            array = TaskCodec.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new JournalException("the task graph is not JSON: " + e.getOriginalMessage(), e);
        }
        if (array == null || !array.isArray()) {
            throw new JournalException("the task graph is not a JSON array of tasks");
        }
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            EntryFields n = EntryFields.parse(array.get(i).toString(), "task " + (i + 1) + " of the graph");
            tasks.add(TaskCodec.read(n, originals, id -> null));
        }
        return tasks;
    }
}
