// SPDX-License-Identifier: Apache-2.0
package org.openagention.examples;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.openagention.core.Agent;
import org.openagention.core.ConfigurationException;
import org.openagention.core.RunResult;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Description;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolRegistry;
import org.openagention.core.tool.ToolResult;

/**
 * Chapter 2, the tool registry: tools are named, described, and given a JSON Schema generated
 * from a record; the registry validates a call's arguments before the handler runs and dispatches
 * by name.
 *
 * <p>Shows each way a call goes wrong becoming an error result the model can read (unknown tool,
 * malformed or mistyped arguments, a missing file, a handler that throws), a duplicate tool name
 * refused when the registry is built, and a model recovering from an unknown tool.
 */
public final class Ch02ToolRegistry {
    record ReadArgs(@Description("Path of the file") String path) {}

    record WriteArgs(@Description("Path of the file") String path, @Description("The whole new content") String content) {}

    record ListArgs() {}

    public static void main(String[] args) {
        try (Example ex = Example.start(2, "the tool registry", args)) {
            Map<String, String> files = new ConcurrentHashMap<>(Map.of("README.md", "# Demo\nA tiny project.\n"));
            Tool readFile = Tool.readOnly("read_file", "Reads a file", ReadArgs.class, (a, ctx) ->
                    files.containsKey(a.path()) ? ToolResult.success(files.get(a.path()))
                            : ToolResult.error("File not found: " + a.path() + ". Existing files: " + new TreeMap<>(files).keySet()));
            Tool writeFile = Tool.of("write_file", "Creates or replaces a file", WriteArgs.class, (a, ctx) -> {
                if (a.path().isBlank()) {
                    throw new IllegalArgumentException("a file needs a name");   // becomes HANDLER_EXCEPTION
                }
                files.put(a.path(), a.content());
                return ToolResult.success("wrote " + a.content().length() + " characters to " + a.path());
            });
            Tool listFiles = Tool.readOnly("list_files", "Lists the files", ListArgs.class,
                    (a, ctx) -> ToolResult.success(String.join("\n", new TreeMap<>(files).keySet())));
            ToolRegistry registry = ToolRegistry.of(readFile, writeFile, listFiles);

            ex.step("What the model sees: names, descriptions and a schema generated from each record");
            registry.specs().forEach(s -> ex.say(s.name() + ": " + s.description() + "  " + s.inputSchemaJson()));

            ex.step("Dispatching calls by name; every mistake comes back as an error result, never an exception");
            String[][] calls = {
                {"write_file", "{\"path\":\"NOTES.md\",\"content\":\"remember the milk\"}"},
                {"read_file", "{\"path\":\"NOTES.md\"}"},
                {"read_file", "{\"path\":\"MISSING.md\"}"},
                {"cat", "{\"path\":\"README.md\"}"},
                {"read_file", "{\"path\": 42}"},
                {"write_file", "{\"path\":\"NOTES.md\"}"},
                {"write_file", "{\"path\":\"NOTES.md\", \"content\": "},
                {"write_file", "{\"path\":\"\",\"content\":\"x\"}"},
            };
            for (String[] c : calls) {
                ToolResult r = registry.execute(new ToolCall("call-1", c[0], c[1]), ToolContext.standalone());
                String kind = r instanceof ToolResult.Error e ? "ERROR " + e.kind() : "ok";
                ex.say(c[0] + " " + c[1] + "\n  -> " + kind + ": " + Example.oneLine(r.text()));
            }

            ex.step("Two tools with one name are refused when the registry is built");
            try {
                ToolRegistry.of(readFile, Tool.readOnly("read_file", "Another reader", ReadArgs.class,
                        (a, ctx) -> ToolResult.success("")));
            } catch (ConfigurationException e) {
                ex.refused("a duplicate tool", e);
            }

            ex.step("In a run: the model calls a tool that does not exist, reads the error, and uses a real one");
            FakeModel script = new FakeModel()
                    .enqueueToolCall("cat", "{\"path\":\"README.md\"}")
                    .enqueueToolCall("read_file", "{\"path\":\"README.md\"}")
                    .enqueueText("The README says: A tiny project.");
            RunResult result = Agent.builder().model(ex.model(script)).addListener(ex.trace())
                    .instructions("Answer from the project's files.")
                    .tools(registry.tools()).build()
                    .run("What does README.md say?");
            ex.say("finished " + result.stopReason() + ": " + result.finalText());
        }
    }
}
