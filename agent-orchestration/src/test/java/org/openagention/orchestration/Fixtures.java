// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.openagention.core.Agent;
import org.openagention.core.RetryPolicy;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.message.Message;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.tools.Workspace;
import org.openagention.tools.files.FileTools;

/** Shared helpers for the orchestration tests: fake-model workers, a real write tool, journal queries. */
final class Fixtures {
    private Fixtures() {}

    record WriteArgs(String path, String content) {}

    /** A final answer costing 15 tokens (10 in, 5 out). */
    static ModelResponse answer(String text) {
        return ModelResponse.builder().addText(text).finishReason(FinishReason.END_TURN).modelId("fake-model")
                .usage(new Usage(10, 5)).build();
    }

    /** The text of the request's first user message: the prompt the supervisor wrote. */
    static String prompt(ModelRequest request) {
        for (Message m : request.messages()) {
            if (m instanceof org.openagention.core.message.UserMessage) {
                return m.text();
            }
        }
        throw new AssertionError("the request has no user message: " + request);
    }

    /** An agent over a fake model that answers each request with {@code answer}. */
    static Agent agent(Function<ModelRequest, String> answer) {
        return Agent.builder().name("worker").model(FakeModel.answering(r -> answer(answer.apply(r)))).build();
    }

    /** A workers factory whose agents answer "done <task id>". */
    static WorkerFactory doneWorkers() {
        return WorkerFactory.agents((task, ws) -> agent(r -> "done " + task.id()));
    }

    /** A real tool that writes a file inside the workspace. */
    static Tool writeTool(Workspace ws) {
        return Tool.of("write_file", "Writes a file", WriteArgs.class, (args, ctx) -> {
            Path file = ws.resolveForWrite(args.path());
            Files.createDirectories(file.getParent());
            Files.writeString(file, args.content());
            return ToolResult.success("wrote " + args.path());
        });
    }

    /** An agent that writes {@code path} with {@code content} through the write tool, then answers. */
    static Agent writer(Workspace ws, String path, String content, String answer) {
        FakeModel model = new FakeModel()
                .enqueueToolCall("write_file", "{\"path\":\"" + path + "\",\"content\":\"" + content + "\"}")
                .enqueue(answer(answer));
        return Agent.builder().name("writer").model(model).addTool(writeTool(ws)).build();
    }

    /** A turn that calls {@code tool} with {@code argumentsJson}, costing 15 tokens. */
    static ModelResponse toolCall(String tool, String argumentsJson) {
        return ModelResponse.builder().addToolUse("call_" + Integer.toHexString(argumentsJson.hashCode()), tool,
                argumentsJson).finishReason(FinishReason.TOOL_USE).modelId("fake-model").usage(new Usage(10, 5)).build();
    }

    /** The arguments of a {@code write_file} call. */
    static String writeArgs(String path, String content) {
        return "{\"path\":" + GitRepos.json(path) + ",\"content\":" + GitRepos.json(content) + "}";
    }

    /** The arguments of a {@code read_file} call. */
    static String readArgs(String path) {
        return "{\"path\":" + GitRepos.json(path) + "}";
    }

    /** The arguments of an {@code edit_file} call. */
    static String editArgs(String path, String oldText, String newText) {
        return "{\"path\":" + GitRepos.json(path) + ",\"old_string\":" + GitRepos.json(oldText)
                + ",\"new_string\":" + GitRepos.json(newText) + "}";
    }

    /** An agent with the real file tools of agent-tools over {@code ws}, driven by {@code model}. */
    static Agent fileAgent(Workspace ws, FakeModel model) {
        return Agent.builder().name("worker").model(model).tools(FileTools.all(ws)).build();
    }

    /** A file-tools agent that writes {@code path} with {@code content}, then answers {@code answer}. */
    static Agent fileWriter(Workspace ws, String path, String content, String answer) {
        return fileAgent(ws, new FakeModel().enqueue(toolCall("write_file", writeArgs(path, content)))
                .enqueue(answer(answer)));
    }

    static Task task(String id, String... deps) {
        return Task.builder(id).goal("Do " + id).dependsOn(deps).retry(RetryPolicy.none()).build();
    }

    static List<JournalEntry> entries(JournalStore journal, String runId, String type) {
        List<JournalEntry> out = new ArrayList<>();
        for (JournalEntry e : journal.read(runId)) {
            if (e.type().equals(type)) {
                out.add(e);
            }
        }
        return out;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
