// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.StreamEvent;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolResult;

/**
 * Something that happened in a run, for {@link AgentListener}s: observation only.
 *
 * <p>A closed set of immutable records; every event carries the run id and the time it happened
 * (from the agent's clock).
 */
public sealed interface AgentEvent {

    String runId();

    Instant at();

    /** A run began (or resumed from its journal, when {@code resumed}). */
    record RunStarted(String runId, Instant at, String agentName, String input, boolean resumed) implements AgentEvent {}

    /** A turn began. Turns count from 1. */
    record TurnStarted(String runId, Instant at, int turn) implements AgentEvent {}

    /** A request is about to go to the model (after the model interceptors). */
    record ModelRequested(String runId, Instant at, int turn, ModelRequest request) implements AgentEvent {}

    /** A piece of a streamed response arrived. */
    record ModelStreamed(String runId, Instant at, int turn, StreamEvent event) implements AgentEvent {}

    /**
     * The model answered. {@code replayed} is true when the response came from the journal of a
     * resumed run rather than from the model.
     */
    record ModelResponded(String runId, Instant at, int turn, ModelResponse response, Duration elapsed,
            boolean replayed) implements AgentEvent {}

    /** A tool call is about to run. */
    record ToolCallStarted(String runId, Instant at, int turn, ToolCall call) implements AgentEvent {}

    /** A tool call finished (or was replayed from the journal). */
    record ToolCallFinished(String runId, Instant at, int turn, ToolCall call, ToolResult result, Duration elapsed,
            boolean replayed) implements AgentEvent {}

    /** A policy or a person decided on a tool call. */
    record ApprovalDecided(String runId, Instant at, ToolCall call, boolean approved, String decidedBy,
            String reason) implements AgentEvent {}

    /** The transcript was compacted to fit the model's context window. */
    record ContextCompacted(String runId, Instant at, int messagesBefore, int messagesAfter,
            long estimatedTokensBefore, long estimatedTokensAfter) implements AgentEvent {}

    /** A limit ended the run. */
    record LimitReached(String runId, Instant at, StopReason reason, String detail) implements AgentEvent {}

    /** Something went wrong that the run reports (a provider failure, a listener's exception). */
    record ErrorOccurred(String runId, Instant at, String message, Throwable error) implements AgentEvent {
        public ErrorOccurred {
            Objects.requireNonNull(message, "message");
        }
    }

    /** A note from an extension (a checkpoint taken, a file spilled), for logs and reports. */
    record Notice(String runId, Instant at, String source, String message) implements AgentEvent {}

    /**
     * A tool call of this run started a subagent: the child's own events follow with
     * {@code childRunId} as their run id, which links them to this run's call {@code callId}.
     */
    record SubagentStarted(String runId, Instant at, int turn, String callId, String childRunId, String agentName)
            implements AgentEvent {}

    /** The subagent started by call {@code callId} ended; {@code result} is the child run's. */
    record SubagentFinished(String runId, Instant at, int turn, String callId, String childRunId, RunResult result)
            implements AgentEvent {}

    /** The conversation passed from one agent to another (a handoff); the run goes on with {@code toAgent}. */
    record HandedOff(String runId, Instant at, int turn, String fromAgent, String toAgent) implements AgentEvent {}

    /** The run ended. */
    record RunFinished(String runId, Instant at, RunResult result) implements AgentEvent {}
}
