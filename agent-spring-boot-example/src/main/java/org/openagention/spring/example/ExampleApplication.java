// SPDX-License-Identifier: Apache-2.0
package org.openagention.spring.example;

import java.nio.file.Path;
import org.openagention.core.Agent;
import org.openagention.core.RunOptions;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.orchestration.Orchestrator;
import org.openagention.orchestration.lanes.TaskWorkspaces;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.tools.CodingTools;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot service around OpenAgention: the starter makes the model, the agent and its run
 * options from {@code application.properties}; this class adds a tool bean (which the agent gets)
 * and an orchestrator whose workers are agents working in a directory per task. Endpoints:
 * {@link AgentController} and {@link OrchestrationController}.
 *
 * <pre>
 * ANTHROPIC_API_KEY=... java -jar agent-spring-boot-example.jar
 * curl -X POST localhost:8080/agent/run -H 'Content-Type: application/json' -d '{"input":"Count the words in: to be or not to be"}'
 * curl -N 'localhost:8080/agent/stream?input=Hello'
 * </pre>
 */
@SpringBootApplication
public class ExampleApplication {
    record Text(String text) {}

    public static void main(String[] args) {
        SpringApplication.run(ExampleApplication.class, args);
    }

    /** A tool bean: every agent the starter builds gets it. */
    @Bean
    Tool wordCount() {
        return Tool.readOnly("word_count", "Counts the words in a text", Text.class,
                (args, ctx) -> ToolResult.success(String.valueOf(args.text().strip().split("\\s+").length)));
    }

    /** Orchestrated runs: each task's worker is an agent with the coding tools, in its own directory. */
    @Bean
    Orchestrator orchestrator(ObjectProvider<Agent.Builder> agentBuilder, RunOptions runOptions,
            @Value("${example.workspaces:${java.io.tmpdir}/openagention-example}") Path workspaces) {
        return Orchestrator.builder()
                .workers(WorkerFactory.agents((task, workspace) -> agentBuilder.getObject().name("worker-" + task.id())
                        .tools(CodingTools.all(workspace)).build(), runOptions))
                .workspaces(TaskWorkspaces.directories(workspaces))
                .parallelism(2)
                .build();
    }
}
