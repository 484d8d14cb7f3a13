// SPDX-License-Identifier: Apache-2.0
package org.openagention.spring.example;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.openagention.core.Agent;
import org.openagention.core.AgentEvent;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.core.model.StreamEvent;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code POST /agent/run} runs the agent on a request and answers with its result;
 * {@code GET /agent/stream?input=...} runs it while sending the run's events as server-sent events
 * ({@code run_started}, {@code text} deltas when streaming is on, {@code tool_started},
 * {@code tool_finished}, ..., and last {@code run_finished}).
 */
@RestController
@RequestMapping("/agent")
class AgentController implements DisposableBean {
    record RunRequest(String input) {}

    record RunResponse(String runId, String stopReason, String text, long tokens) {
        static RunResponse of(RunResult r) {
            return new RunResponse(r.runId(), r.stopReason().name(), r.finalText(), r.usage().totalTokens());
        }
    }

    private final Agent agent;
    private final RunOptions runOptions;
    private final ExecutorService runs = Executors.newCachedThreadPool();

    AgentController(Agent agent, RunOptions runOptions) {
        this.agent = agent;
        this.runOptions = runOptions;
    }

    @PostMapping("/run")
    RunResponse run(@RequestBody RunRequest request) {
        return RunResponse.of(agent.run(request.input(), runOptions));
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestParam("input") String input) {
        SseEmitter emitter = new SseEmitter(0L);
        Agent observed = agent.toBuilder().addListener(event -> send(emitter, event)).build();
        runs.execute(() -> {
            try {
                observed.run(input, runOptions);
                emitter.complete();
            } catch (RuntimeException e) {
                emitter.completeWithError(e);
            }
        });
        return emitter;
    }

    /** One event on the wire: its name and a small JSON object; events of no interest to a client are left out. */
    private static void send(SseEmitter emitter, AgentEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("runId", event.runId());
        String name;
        if (event instanceof AgentEvent.RunStarted) {
            name = "run_started";
        } else if (event instanceof AgentEvent.ModelStreamed e && e.event() instanceof StreamEvent.TextDelta d) {
            name = "text";
            data.put("text", d.text());
        } else if (event instanceof AgentEvent.ToolCallStarted e) {
            name = "tool_started";
            data.put("tool", e.call().name());
            data.put("arguments", e.call().argumentsJson());
        } else if (event instanceof AgentEvent.ToolCallFinished e) {
            name = "tool_finished";
            data.put("tool", e.call().name());
            data.put("error", e.result().isError());
        } else if (event instanceof AgentEvent.RunFinished e) {
            name = "run_finished";
            data.putAll(Map.of("stopReason", e.result().stopReason().name(), "text", e.result().finalText()));
        } else {
            return;
        }
        try {
            emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            // the client went away; the run goes on to its end
        }
    }

    /** Stops the runs still going when the application shuts down. */
    @Override
    public void destroy() {
        runs.shutdownNow();
    }
}
