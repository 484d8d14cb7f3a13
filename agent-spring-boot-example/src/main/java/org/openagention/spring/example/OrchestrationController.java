// SPDX-License-Identifier: Apache-2.0
package org.openagention.spring.example;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openagention.orchestration.OrchestrationResult;
import org.openagention.orchestration.Orchestrator;
import org.openagention.orchestration.graph.Task;
import org.openagention.orchestration.graph.TaskGraph;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /orchestrations} starts an orchestrated run of a task graph given in the request
 * (tasks with ids, goals and dependencies) and answers 202 with its run id at once;
 * {@code GET /orchestrations/{runId}} says how it stands ({@code RUNNING}, or how it ended and
 * each task's state), waiting up to {@code wait} seconds for the end.
 */
@RestController
@RequestMapping("/orchestrations")
class OrchestrationController implements DisposableBean {
    record TaskRequest(String id, String goal, List<String> dependsOn) {}

    record GraphRequest(String goal, List<TaskRequest> tasks) {}

    record RunState(String runId, String status, String detail, Map<String, String> tasks) {}

    private final Orchestrator orchestrator;
    private final ExecutorService runs = Executors.newCachedThreadPool();
    private final Map<String, CompletableFuture<OrchestrationResult>> started = new ConcurrentHashMap<>();

    OrchestrationController(Orchestrator orchestrator) {
        this.orchestrator = orchestrator;
    }

    @PostMapping
    ResponseEntity<RunState> start(@RequestBody GraphRequest request) {
        if (request.tasks() == null || request.tasks().isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one task: {\"tasks\":[{\"id\":\"a\",\"goal\":\"...\"}]}");
        }
        TaskGraph.Builder graph = TaskGraph.builder();
        for (TaskRequest t : request.tasks()) {
            graph.add(Task.builder(t.id()).goal(t.goal())
                    .dependencies(t.dependsOn() == null ? List.of() : t.dependsOn()).build());
        }
        TaskGraph built = graph.build();
        String runId = "orch-" + UUID.randomUUID().toString().substring(0, 13);
        String goal = request.goal() == null ? "" : request.goal();
        started.put(runId, CompletableFuture.supplyAsync(() -> orchestrator.run(runId, goal, built), runs));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new RunState(runId, "RUNNING", "", Map.of()));
    }

    /** A request the controller refuses: 400 with the reason, as plain text. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<String> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(e.getMessage());
    }

    @GetMapping("/{runId}")
    ResponseEntity<RunState> state(@PathVariable("runId") String runId, @RequestParam(name = "wait", defaultValue = "0") long wait) {
        CompletableFuture<OrchestrationResult> run = started.get(runId);
        if (run == null) {
            return ResponseEntity.notFound().build();
        }
        try {
            OrchestrationResult r = run.get(Math.min(Duration.ofSeconds(wait).toMillis(), 60_000), TimeUnit.MILLISECONDS);
            Map<String, String> tasks = new java.util.TreeMap<>();
            r.states().forEach((id, state) -> tasks.put(id, state.name()));
            return ResponseEntity.ok(new RunState(runId, r.status().name(), r.detail(), tasks));
        } catch (TimeoutException e) {
            return ResponseEntity.ok(new RunState(runId, "RUNNING", "", Map.of()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ResponseEntity.ok(new RunState(runId, "RUNNING", "", Map.of()));
        } catch (ExecutionException e) {
            return ResponseEntity.ok(new RunState(runId, "ERROR", String.valueOf(e.getCause().getMessage()), Map.of()));
        }
    }

    /** Stops the runs still going when the application shuts down. */
    @Override
    public void destroy() {
        runs.shutdownNow();
    }
}
