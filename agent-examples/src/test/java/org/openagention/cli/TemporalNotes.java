// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.net.ServerSocket;
import org.openagention.core.Agent;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.temporal.Approvals;
import org.openagention.temporal.TemporalAgents;
import org.openagention.temporal.TemporalRun;
import org.openagention.tools.ApprovalPolicy;
import org.openagention.tools.ApprovalRule;

/**
 * A port-bound Temporal test server with one worker on {@code taskQueue} serving the agent
 * {@code notes}: it calls {@code write_note} once (which its approval policy asks about, rule
 * {@code writes}) and then answers "written". What the tool wrote is in {@link #notes()}.
 */
final class TemporalNotes implements AutoCloseable {
    /** A note's argument. */
    record Note(String text) {}

    private final int port;
    private final TestServer.PortBoundTestServer server;
    private final WorkflowServiceStubs service;
    private final WorkerFactory factory;
    private final String taskQueue;
    private final StringBuffer notes = new StringBuffer();

    TemporalNotes(String taskQueue) throws IOException {
        this.taskQueue = taskQueue;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = TestServer.createPortBoundServer(port, true);
        service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build());
        factory = WorkerFactory.newInstance(WorkflowClient.newInstance(service));
        FakeModel model = new FakeModel("fake");
        model.enqueueToolCall("write_note", "{\"text\":\"ship it\"}").enqueueText("written");
        Tool write = Tool.of("write_note", "Writes a note", Note.class, (a, ctx) -> {
            notes.append(a.text());
            return ToolResult.success("ok");
        });
        ApprovalPolicy askWrites = ApprovalPolicy.builder().ask(ApprovalRule.tool("write_note").label("writes")).build();
        TemporalAgents.worker(factory.newWorker(taskQueue)).register("notes",
                Agent.builder().name("notes").model(model).addTool(write).build(), Approvals.of(askWrites));
        factory.start();
    }

    /** The server's address, as {@code --temporal} takes it. */
    String target() {
        return "localhost:" + port;
    }

    /** Starts the notes agent on {@code goal}. */
    TemporalRun start(String goal) {
        return TemporalAgents.client(WorkflowClient.newInstance(service), taskQueue).start("notes", goal);
    }

    /** What {@code write_note} has written so far. */
    String notes() {
        return notes.toString();
    }

    @Override
    public void close() {
        factory.shutdownNow();
        service.shutdownNow();
        server.close();
    }
}
