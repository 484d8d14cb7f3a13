// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.openagention.core.AgentEvent;
import org.openagention.core.AgentListener;
import org.openagention.core.ModelInterceptor;
import org.openagention.core.message.Message;
import org.openagention.core.message.UserMessage;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolInterceptor;
import org.openagention.core.tool.ToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The interceptors and the listener through which hooks run: one per kind of event. */
final class HookInterceptors {
    private static final Logger LOG = LoggerFactory.getLogger(Hooks.class);

    /** Where the hooks run now: a fixed directory, or a workspace's current root (a lazy lane moves). */
    private final Supplier<Path> directory;
    private final List<Hook> hooks;
    /** The context prompt hooks added to each running run, put on every request of the run. */
    private final Map<String, String> contexts = new ConcurrentHashMap<>();
    /** Runs that are subagents of a run these hooks watch: their stops are not the run's stop. */
    private final Set<String> children = ConcurrentHashMap.newKeySet();

    HookInterceptors(Supplier<Path> directory, List<Hook> hooks) {
        this.directory = directory;
        this.hooks = hooks;
    }

    private List<Hook> matching(HookEvent event, String tool) {
        List<Hook> found = new ArrayList<>();
        for (Hook h : hooks) {
            if (h.event() == event && h.matches(tool)) {
                found.add(h);
            }
        }
        return found;
    }

    private ObjectNode input(Hook hook, String runId) {
        ObjectNode in = HookRunner.JSON.createObjectNode();
        in.put("session_id", runId).put("cwd", directory.get().toString()).put("hook_event_name", hook.event().settingsName());
        return in;
    }

    /** Reports a hook that could not answer: the run's listeners hear it, and the log says it. */
    private static void failed(HookRunner.Verdict v, String runId, Consumer<AgentEvent> publish) {
        String message = v.describe() + " failed: " + v.reason();
        LOG.warn("{} (run {})", message, runId);
        publish.accept(new AgentEvent.ErrorOccurred(runId, Instant.now(), message, null));
    }

    private static void notice(String runId, Consumer<AgentEvent> publish, String message) {
        publish.accept(new AgentEvent.Notice(runId, Instant.now(), "hook", message));
    }

    ToolInterceptor tools() {
        return new ToolInterceptor() {
            @Override
            public ToolResult intercept(Chain chain) throws Exception {
                return aroundTool(chain);
            }

            @Override
            public String toString() {
                return "hooks (PreToolUse, PostToolUse)";
            }
        };
    }

    private ToolResult aroundTool(ToolInterceptor.Chain chain) throws Exception {
        ToolCall call = chain.call();
        List<String> notes = new ArrayList<>();
        for (Hook hook : matching(HookEvent.PRE_TOOL_USE, call.name())) {
            Object decided = before(hook, chain, call, notes);
            if (decided instanceof ToolResult blocked) {
                return blocked;
            }
            call = (ToolCall) decided;
        }
        ToolResult result = chain.proceed(call);
        for (Hook hook : matching(HookEvent.POST_TOOL_USE, call.name())) {
            after(hook, chain, call, result, notes);
        }
        if (notes.isEmpty()) {
            return result;
        }
        String text = result.text() + "\n\nFrom the project's hooks:\n" + String.join("\n", notes);
        return result instanceof ToolResult.Error e ? ToolResult.error(e.kind(), text) : ToolResult.success(text);
    }

    /** Runs a PreToolUse hook: the call to go on with (maybe with new arguments), or the result that blocks it. */
    private Object before(Hook hook, ToolInterceptor.Chain chain, ToolCall call, List<String> notes) {
        String runId = chain.context().runId();
        Consumer<AgentEvent> publish = chain.context()::publish;
        ObjectNode in = toolInput(hook, runId, call);
        HookRunner.Verdict v = HookRunner.run(hook, directory.get(), in, chain.context()::isCancelled);
        switch (v.kind()) {
            case FAILED -> failed(v, runId, publish);
            case BLOCK -> {
                notice(runId, publish, v.describe() + " blocked " + call.name() + ": " + v.reason());
                return ToolResult.error(ToolResult.ErrorKind.DENIED, "Blocked by a hook: " + v.reason());
            }
            case OK -> {
                if (v.updatedInput() != null) {
                    call = call.withArguments(ours(v.updatedInput(), in.get("tool_input")));
                    notice(runId, publish, v.describe() + " changed the arguments of " + call.name());
                }
                if (!v.context().isBlank()) {
                    notes.add(v.context().strip());
                }
            }
        }
        return call;
    }

    /** Runs a PostToolUse hook: what it says for the model goes to {@code notes} (the tool has run: nothing is blocked). */
    private void after(Hook hook, ToolInterceptor.Chain chain, ToolCall call, ToolResult result, List<String> notes) {
        String runId = chain.context().runId();
        ObjectNode in = toolInput(hook, runId, call);
        in.putObject("tool_response").put("is_error", result.isError()).put("text", result.text());
        HookRunner.Verdict v = HookRunner.run(hook, directory.get(), in, chain.context()::isCancelled);
        if (v.kind() == HookRunner.Kind.FAILED) {
            failed(v, runId, chain.context()::publish);
        } else if (v.kind() == HookRunner.Kind.BLOCK) {
            notes.add(v.reason().strip());
        } else if (!v.context().isBlank()) {
            notes.add(v.context().strip());
        }
    }

    /** The event for a tool hook; a {@code path} argument is also given as an absolute {@code file_path}, as Claude Code's tools have. */
    private ObjectNode toolInput(Hook hook, String runId, ToolCall call) {
        ObjectNode in = input(hook, runId);
        in.put("tool_name", hook.toolNameFor(call.name())).put("tool_use_id", call.id());
        JsonNode args;
        try {
            args = HookRunner.JSON.readTree(call.argumentsJson());
        } catch (JsonProcessingException e) {
            args = HookRunner.JSON.createObjectNode();
        }
        if (args instanceof ObjectNode o && o.path("path").isTextual() && !o.has("file_path")) {
            o.put("file_path", directory.get().resolve(o.get("path").asText()).normalize().toString());
        }
        in.set("tool_input", args);
        return in;
    }

    /** A hook's updated input in our tool's terms: the {@code file_path} we added is dropped again (or becomes {@code path}). */
    private static String ours(String updatedJson, JsonNode sent) {
        try {
            JsonNode updated = HookRunner.JSON.readTree(updatedJson);
            if (updated instanceof ObjectNode o && sent.has("file_path") && sent.has("path") && o.has("file_path")) {
                JsonNode filePath = o.remove("file_path");
                if (!filePath.equals(sent.get("file_path"))) {
                    o.set("path", filePath);
                }
            }
            return updated.toString();
        } catch (JsonProcessingException e) {
            return updatedJson; // the registry reports arguments that do not parse
        }
    }

    ModelInterceptor prompts() {
        return new ModelInterceptor() {
            @Override
            public ModelResponse intercept(Chain chain) {
                return beforeModel(chain);
            }

            @Override
            public String toString() {
                return "hooks (SessionStart, UserPromptSubmit)";
            }
        };
    }

    private ModelResponse beforeModel(ModelInterceptor.Chain chain) {
        String runId = chain.runId();
        ModelRequest request = chain.request();
        if (chain.turn() == 1 && !contexts.containsKey(runId)) {
            List<String> added = new ArrayList<>();
            String prompt = request.messages().stream().filter(m -> m instanceof UserMessage).findFirst()
                    .map(Message::text).orElse("");
            for (HookEvent event : List.of(HookEvent.SESSION_START, HookEvent.USER_PROMPT_SUBMIT)) {
                for (Hook hook : matching(event, "")) {
                    ObjectNode in = input(hook, runId);
                    if (event == HookEvent.SESSION_START) {
                        in.put("source", "startup");
                    } else {
                        in.put("prompt", prompt);
                    }
                    HookRunner.Verdict v = HookRunner.run(hook, directory.get(), in, () -> Thread.currentThread().isInterrupted());
                    if (v.kind() == HookRunner.Kind.FAILED) {
                        failed(v, runId, chain::publish);
                    } else if (v.kind() == HookRunner.Kind.BLOCK && event == HookEvent.USER_PROMPT_SUBMIT) {
                        notice(runId, chain::publish, v.describe() + " blocked the prompt: " + v.reason());
                        return ModelResponse.builder().addText("The prompt was blocked by a hook: " + v.reason())
                                .finishReason(FinishReason.END_TURN).build();
                    } else if (!v.context().isBlank()) {
                        added.add(v.context().strip());
                    }
                }
            }
            contexts.put(runId, String.join("\n", added));
        }
        String extra = contexts.getOrDefault(runId, "");
        if (!extra.isEmpty()) {
            String system = request.system();
            request = request.toBuilder().system((system.isEmpty() ? "" : system + "\n\n") + extra).build();
        }
        return chain.proceed(request);
    }

    AgentListener stops() {
        return this::onEvent;
    }

    private void onEvent(AgentEvent event) {
        if (event instanceof AgentEvent.SubagentStarted s) {
            children.add(s.childRunId());
        } else if (event instanceof AgentEvent.RunFinished f) {
            contexts.remove(f.runId());
            if (children.remove(f.runId())) {
                return;
            }
            for (Hook hook : matching(HookEvent.STOP, "")) {
                ObjectNode in = input(hook, f.runId());
                in.put("stop_hook_active", false).put("stop_reason", f.result().stopReason().name())
                        .put("last_assistant_message", f.result().finalText());
                HookRunner.Verdict v = HookRunner.run(hook, directory.get(), in, () -> false);
                if (v.kind() == HookRunner.Kind.FAILED) {
                    LOG.warn("{} failed: {} (run {})", v.describe(), v.reason(), f.runId());
                } else if (v.kind() == HookRunner.Kind.BLOCK) {
                    LOG.warn("{} asked to keep run {} going ({}); a finished run cannot be continued by a hook",
                            v.describe(), f.runId(), v.reason());
                }
            }
        }
    }
}
