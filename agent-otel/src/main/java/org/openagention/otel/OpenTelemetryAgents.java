// SPDX-License-Identifier: Apache-2.0
package org.openagention.otel;

import io.opentelemetry.api.OpenTelemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openagention.core.Agent;
import org.openagention.core.AgentListener;
import org.openagention.core.ModelInterceptor;
import org.openagention.core.tool.ToolInterceptor;
import org.openagention.orchestration.OrchestrationListener;
import org.openagention.orchestration.Orchestrator;
import org.openagention.orchestration.lanes.WorkerFactory;
import org.openagention.otel.internal.AgentSpans;
import org.openagention.otel.internal.ChatSpans;
import org.openagention.otel.internal.Telemetry;
import org.openagention.otel.internal.ToolSpans;
import org.openagention.otel.internal.TracedWorkers;
import org.openagention.otel.internal.WorkflowSpans;

/**
 * OpenTelemetry traces and metrics for agents and orchestrated runs, following the OpenTelemetry
 * <b>GenAI semantic conventions v1.41.0</b> (development status; the last release of them in the
 * main semantic-conventions repository). Uses the OpenTelemetry API only: pass the application's
 * {@link OpenTelemetry} (its SDK and exporters are the application's choice; without one, the API's
 * no-op costs next to nothing).
 *
 * <pre>{@code
 * OpenTelemetryAgents tracing = OpenTelemetryAgents.create(openTelemetry);
 * Agent agent = tracing.instrument(Agent.builder())
 *         .name("helper").model(model).addTool(readFile)
 *         .build();
 *
 * Orchestrator orchestrator = tracing.instrument(Orchestrator.builder(),
 *                 WorkerFactory.agents((task, ws) -> tracing.instrument(Agent.builder())
 *                         .model(model).tools(CodingTools.all(ws)).build()))
 *         .repository(Path.of("."))
 *         .build();
 * }</pre>
 *
 * <p>What it emits, per agent run:
 * <ul>
 *   <li>{@code invoke_agent {agent name}} (INTERNAL): {@code gen_ai.operation.name=invoke_agent},
 *       {@code gen_ai.agent.name}, {@code gen_ai.conversation.id} and {@code openagention.run.id}
 *       (both the run id), and at the end the run's {@code gen_ai.usage.*} tokens,
 *       {@code openagention.stop_reason}, {@code openagention.turns}, {@code openagention.cost_usd}.
 *       Its parent is the context current where the run starts.</li>
 *   <li>{@code chat {model}} (CLIENT) per model call, under the run: {@code gen_ai.provider.name},
 *       {@code gen_ai.request.model}, {@code gen_ai.response.model}, {@code gen_ai.response.id},
 *       {@code gen_ai.response.finish_reasons}, {@code gen_ai.usage.input_tokens} (cached input
 *       included, as the conventions count it), {@code gen_ai.usage.output_tokens},
 *       {@code gen_ai.usage.cache_read.input_tokens}, {@code gen_ai.usage.cache_creation.input_tokens}.
 *       It is current during the call, and the built-in providers send it as W3C
 *       {@code traceparent} (through the {@link OpenTelemetry}'s propagators).</li>
 *   <li>{@code execute_tool {tool name}} (INTERNAL) per tool call, under the run, current on the
 *       thread the tool runs on (parallel read-only calls included): {@code gen_ai.tool.name},
 *       {@code gen_ai.tool.call.id}, {@code gen_ai.tool.type=function}.</li>
 *   <li>Errors: status ERROR and {@code error.type}: the exception's class name for a failed
 *       model call (such as {@code org.openagention.core.model.RateLimitedException}), the
 *       tool result's error kind ({@code tool_failed}, {@code denied}, ...) for a tool, the stop
 *       reason ({@code max_turns}, ...) for a run that stopped on a limit.</li>
 *   <li>Metrics: {@code gen_ai.client.token.usage} ({@code {token}}, by {@code gen_ai.token.type})
 *       and {@code gen_ai.client.operation.duration} (s), per model call.</li>
 * </ul>
 * Per orchestrated run: {@code invoke_workflow {name}}, with {@code task {id}}, {@code attempt {id}}
 * (the worker's {@code invoke_agent} under it), {@code check {id}}, {@code review {id}} and
 * {@code merge {id}} spans under it, so that one trace shows the whole graph.
 *
 * <p>Prompts and completions are not recorded unless {@link Builder#captureContent(boolean)} turns
 * them on; then they go on the spans as the conventions' {@code gen_ai.system_instructions},
 * {@code gen_ai.input.messages}, {@code gen_ai.output.messages}, {@code gen_ai.tool.call.arguments}
 * and {@code gen_ai.tool.call.result} (JSON strings), with API keys (those in
 * {@code ANTHROPIC_API_KEY} and {@code OPENAI_API_KEY}, and anything shaped like a key or bearer
 * token) and the secrets given to {@link Builder#addSecret} replaced by {@code [REDACTED]}.
 *
 * <p>Immutable and thread-safe: one instance serves every agent and orchestrator of an
 * application. A run's span is kept from its start to its end; a run abandoned mid-way (a loop
 * that is never stepped to its end) keeps its span open.
 */
public final class OpenTelemetryAgents {
    private final Telemetry telemetry;
    private final ChatSpans chat;
    private final ToolSpans tools;
    private final AgentSpans agents;
    private final WorkflowSpans workflows;

    private OpenTelemetryAgents(Builder b) {
        this.telemetry = new Telemetry(b.openTelemetry, b.captureContent, b.secrets, b.workflowName);
        this.chat = new ChatSpans(telemetry);
        this.tools = new ToolSpans(telemetry);
        this.agents = new AgentSpans(telemetry, tools);
        this.workflows = new WorkflowSpans(telemetry);
    }

    /** Tracing with {@code openTelemetry} and the defaults: no content captured. */
    public static OpenTelemetryAgents create(OpenTelemetry openTelemetry) {
        return builder(openTelemetry).build();
    }

    public static Builder builder(OpenTelemetry openTelemetry) {
        return new Builder(openTelemetry);
    }

    /** The one-line form: {@code OpenTelemetryAgents.instrument(Agent.builder(), openTelemetry).model(model)...}. */
    public static Agent.Builder instrument(Agent.Builder agent, OpenTelemetry openTelemetry) {
        return create(openTelemetry).instrument(agent);
    }

    /**
     * Adds this tracing's model interceptor, tool interceptor and listener to {@code agent}, and
     * returns it. Call it first, so that the spans wrap the interceptors added after (an approval
     * that refuses a call shows in the call's span).
     */
    public Agent.Builder instrument(Agent.Builder agent) {
        return agent.addModelInterceptor(chat).addToolInterceptor(tools).addListener(agents);
    }

    /**
     * Sets {@code orchestrator}'s workers to {@code workers} run inside their attempt's span, adds
     * the orchestration listener, and returns the builder. Instrument the worker agents too
     * ({@link #instrument(Agent.Builder)}) for their model and tool spans.
     */
    public Orchestrator.Builder instrument(Orchestrator.Builder orchestrator, WorkerFactory workers) {
        return orchestrator.workers(workers(workers)).addListener(workflows);
    }

    /** {@code workers} whose runs happen inside their attempt's span; for orchestrators assembled by hand. */
    public WorkerFactory workers(WorkerFactory workers) {
        return new TracedWorkers(Objects.requireNonNull(workers, "workers"));
    }

    /** The {@code chat} spans, to add by hand ({@link Agent.Builder#addModelInterceptor}). */
    public ModelInterceptor modelInterceptor() {
        return chat;
    }

    /** The {@code execute_tool} spans, to add by hand ({@link Agent.Builder#addToolInterceptor}). */
    public ToolInterceptor toolInterceptor() {
        return tools;
    }

    /** The {@code invoke_agent} spans, to add by hand ({@link Agent.Builder#addListener}). */
    public AgentListener listener() {
        return agents;
    }

    /** The orchestrated run's spans, to add by hand ({@link Orchestrator.Builder#addListener}). */
    public OrchestrationListener orchestrationListener() {
        return workflows;
    }

    /** Builds {@link OpenTelemetryAgents}. Not thread-safe. */
    public static final class Builder {
        private final OpenTelemetry openTelemetry;
        private boolean captureContent;
        private final List<String> secrets = new ArrayList<>();
        private String workflowName = "orchestrator";

        private Builder(OpenTelemetry openTelemetry) {
            this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
        }

        /**
         * Records prompts, completions, tool arguments and tool results on the spans (redacted);
         * off by default, as they may hold personal data and code.
         */
        public Builder captureContent(boolean captureContent) {
            this.captureContent = captureContent;
            return this;
        }

        /** A secret (a token, a password) replaced by {@code [REDACTED]} wherever captured content holds it. */
        public Builder addSecret(String secret) {
            Objects.requireNonNull(secret, "secret");
            if (secret.strip().length() < 4) {
                throw new IllegalArgumentException("a secret must have at least 4 characters: a shorter one would"
                        + " redact ordinary text");
            }
            this.secrets.add(secret);
            return this;
        }

        /** The {@code gen_ai.workflow.name} of orchestrated runs; default {@code orchestrator}. */
        public Builder workflowName(String workflowName) {
            Objects.requireNonNull(workflowName, "workflowName");
            if (workflowName.isBlank()) {
                throw new IllegalArgumentException("the workflow name cannot be blank");
            }
            this.workflowName = workflowName;
            return this;
        }

        public OpenTelemetryAgents build() {
            return new OpenTelemetryAgents(this);
        }
    }
}
