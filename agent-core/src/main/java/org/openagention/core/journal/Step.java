// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.journal;

import java.util.Objects;
import org.openagention.core.internal.Codecs;
import org.openagention.core.internal.StepJson;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.tool.ToolResult;

/**
 * What a step that touches the world is: a model call or a tool call of one turn of a run, as
 * data. The loop hands it to {@link StepExecutor#execute(Step, java.util.concurrent.Callable)}
 * beside the action that runs it in this process; an executor that runs steps elsewhere (a
 * durable-execution engine's activity on another machine) ignores the action, sends
 * {@link #toJson()} there, and runs the step with {@link org.openagention.core.Agent#runStep}.
 *
 * <p>Immutable. The id is the step's journal id ({@code turn-2/model},
 * {@code turn-2/tool/0-call_1}); it is empty when the run keeps no journal.
 *
 * <pre>{@code
 * String json = step.toJson();                        // in the workflow
 * Step<?> same = Step.fromJson(json);                 // on the worker
 * Object result = agent.runStep(same, () -> false);
 * }</pre>
 *
 * @param <T> the step's result type
 */
public sealed interface Step<T> permits Step.ModelCall, Step.ToolCall {

    /** The step's journal id; empty when the run keeps no journal. */
    String id();

    /** The run the step belongs to. */
    String runId();

    /** The turn (1-based) the step belongs to. */
    int turn();

    /** How the step's result is journaled and sent across a process boundary. */
    StepCodec<T> codec();

    /** The step as JSON, everything {@link #fromJson} and {@code Agent.runStep} need. */
    default String toJson() {
        return StepJson.write(this);
    }

    /**
     * Reads a step written by {@link #toJson()}.
     *
     * @throws JournalException when the JSON is not a step, naming what is wrong
     */
    static Step<?> fromJson(String json) {
        return StepJson.read(Objects.requireNonNull(json, "json"));
    }

    /** A call of the agent's model (through its model interceptors) with {@code request}. */
    record ModelCall(String id, String runId, int turn, ModelRequest request, boolean streaming)
            implements Step<ModelResponse> {
        public ModelCall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(request, "request");
        }

        @Override
        public StepCodec<ModelResponse> codec() {
            return Codecs.MODEL_RESPONSE;
        }
    }

    /** A call of one of the agent's tools (through its tool interceptors). */
    record ToolCall(String id, String runId, int turn, org.openagention.core.tool.ToolCall call)
            implements Step<ToolResult> {
        public ToolCall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(call, "call");
        }

        @Override
        public StepCodec<ToolResult> codec() {
            return Codecs.TOOL_RESULT;
        }
    }
}
