// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import java.time.Duration;
import java.util.List;
import org.openagention.core.message.Message;
import org.openagention.core.model.Usage;

/**
 * How a run ended: its final text, why it stopped, the whole transcript, and what it spent.
 *
 * @param runId the run's id (the key of its journal)
 * @param finalText the text of the last assistant message; empty when the run stopped before one
 * @param stopReason why the run ended
 * @param detail a sentence on why it ended (which limit, which error); empty when completed
 * @param transcript every message of the run, in order
 * @param turns how many model calls the run made
 * @param usage tokens spent over the run, summarisation calls included; prompt-cache reads and
 *     writes are counted apart ({@link Usage#cacheReadTokens()}, {@link Usage#cacheWriteTokens()},
 *     {@link Usage#cacheReadShare()})
 * @param costUsd dollars spent, by the agent's price table
 * @param elapsed wall-clock time of the run
 * @param agentName the agent that finished the run: the one started, or the last one a
 *     {@linkplain Handoff handoff} passed the conversation to; empty when not known
 *
 * <p>A tool call that fails (an edit refused because the file was not read first, a command that
 * exits non-zero, a call a policy denied) does not end the run: its error goes to the model as the
 * call's result, and the run can still end {@link StopReason#COMPLETED}. {@link #toolErrors()} and
 * {@link #toolRefusals()} count those calls so a caller can tell without reading the transcript:
 *
 * <pre>{@code
 * RunResult result = agent.run("Fix the failing test");
 * if (result.toolRefusals() > 0) {
 *     log.warn("{} tool calls were refused", result.toolRefusals());
 * }
 * }</pre>
 */
public record RunResult(String runId, String finalText, StopReason stopReason, String detail, List<Message> transcript,
        int turns, Usage usage, double costUsd, Duration elapsed, String agentName) {

    public RunResult {
        transcript = List.copyOf(transcript);
        java.util.Objects.requireNonNull(agentName, "agentName");
    }

    /** A result whose finishing agent is not known (empty {@link #agentName()}). */
    public RunResult(String runId, String finalText, StopReason stopReason, String detail, List<Message> transcript,
            int turns, Usage usage, double costUsd, Duration elapsed) {
        this(runId, finalText, stopReason, detail, transcript, turns, usage, costUsd, elapsed, "");
    }

    /** Whether the model finished with its own answer. */
    public boolean isSuccess() {
        return stopReason.isSuccess();
    }

    /**
     * How many tool calls in the transcript ended in an error of any kind (refusals included):
     * each one reached the model as its call's result, not the caller.
     */
    public int toolErrors() {
        return (int) toolOutputs().filter(o -> o.result().isError()).count();
    }

    /**
     * How many tool calls were refused rather than run and failed: denied by an approval policy
     * or a person, or refused by the tool itself (an edit or overwrite of a file the agent has not
     * read, or that changed since it did). Results of kind
     * {@link org.openagention.core.tool.ToolResult.ErrorKind#DENIED}; a subset of {@link #toolErrors()}.
     */
    public int toolRefusals() {
        return (int) toolOutputs().filter(o -> o.result() instanceof org.openagention.core.tool.ToolResult.Error e
                && e.kind() == org.openagention.core.tool.ToolResult.ErrorKind.DENIED).count();
    }

    private java.util.stream.Stream<org.openagention.core.message.Content.ToolOutput> toolOutputs() {
        return transcript.stream().filter(m -> m instanceof org.openagention.core.message.ToolResultMessage)
                .flatMap(m -> ((org.openagention.core.message.ToolResultMessage) m).outputs().stream());
    }

    /**
     * This result as JSON, transcript included: how a run's outcome crosses a process boundary
     * (a Temporal workflow's result, for one). {@link #fromJson} reads it back equal.
     */
    public String toJson() {
        return org.openagention.core.internal.StepJson.writeResult(this);
    }

    /**
     * Reads a result written by {@link #toJson()}.
     *
     * @throws org.openagention.core.journal.JournalException when the JSON is not a run result
     */
    public static RunResult fromJson(String json) {
        return org.openagention.core.internal.StepJson.readResult(java.util.Objects.requireNonNull(json, "json"));
    }
}
