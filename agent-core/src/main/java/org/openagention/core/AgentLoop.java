package org.openagention.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.openagention.core.internal.Codecs;
import org.openagention.core.internal.Json;
import org.openagention.core.internal.ToolThreads;
import org.openagention.core.journal.JournalEntry;
import org.openagention.core.journal.StepExecutor;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.message.UserMessage;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelException;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.OutputSchema;
import org.openagention.core.model.Price;
import org.openagention.core.model.Usage;

/**
 * One run of an {@link Agent}, stepped turn by turn.
 *
 * <p>Each {@link #step()} is one turn: check the limits, build the request from the transcript,
 * call the model through the interceptors, append its answer, run the tools it asked for, append
 * their results. The transcript only grows. A run ends with a {@link RunResult} whose
 * {@link StopReason} says why; limits and provider failures end it, they never throw.
 *
 * <pre>{@code
 * AgentLoop loop = agent.start("Fix the failing test");
 * while (loop.step()) {
 *     System.out.println("turn " + loop.turns() + ": " + loop.usage());
 * }
 * RunResult result = loop.result().orElseThrow();
 * }</pre>
 *
 * <p>One thread drives a loop; {@link #cancel()} may be called from any other thread.
 */
public final class AgentLoop {
    private final Agent agent;
    private final String runId;
    private final String input;
    private final boolean resumed;
    private final StepExecutor steps;
    private final Events events;
    private final LoopTools tools;
    private final List<Message> transcript = new ArrayList<>();
    private OutputSchema outputSchema;
    /** Every setting of this run's requests but the transcript; rebuilt when the output schema changes. */
    private ModelRequest template;

    private int turn;
    private Usage usage = Usage.ZERO;
    private double cost;
    private int consecutiveErrors;
    private Instant startedAt;
    private long startNanos;
    private RunResult result;
    private volatile boolean cancelled;
    private volatile boolean timedOut;
    private volatile Thread runner;
    private ScheduledFuture<?> watchdog;

    AgentLoop(Agent agent, String runId, String input, OutputSchema outputSchema, boolean resumed) {
        this.agent = agent;
        this.runId = runId;
        this.input = input;
        this.outputSchema = outputSchema;
        this.resumed = resumed;
        this.steps = agent.steps().open(runId);
        this.events = new Events(agent.listeners());
        this.tools = new LoopTools(this, agent.registry(), steps, events, agent.limits().maxRepeatedCalls());
        this.transcript.add(new UserMessage(List.of(new Content.Text(input))));
    }

    /**
     * Runs one turn. Returns whether the run goes on; once it returns false, {@link #result()} holds
     * the outcome.
     */
    public boolean step() {
        if (result != null) {
            return false;
        }
        runner = Thread.currentThread();
        try {
            if (startedAt == null) {
                begin();
            }
            turn();
        } finally {
            runner = null;
            if (timedOut || cancelled) {
                Thread.interrupted(); // our own interrupt must not leak to the caller
            }
        }
        return result == null;
    }

    /** Runs turns until the run ends, and returns how it ended. */
    public RunResult run() {
        while (step()) {
            // each step is one turn
        }
        return result;
    }

    /** Cancels the run: a call in progress is interrupted, and the run ends with {@link StopReason#CANCELLED}. */
    public void cancel() {
        cancelled = true;
        interruptWork();
    }

    private void begin() {
        startedAt = agent.clock().instant();
        startNanos = System.nanoTime();
        if (!resumed && steps.journals()) {
            ObjectNode payload = Json.object().put("agent", agent.name()).put("input", input);
            agent.modelId().ifPresent(m -> payload.put("model", m));
            steps.record("run.started", Json.write(payload));
        }
        if (events.active()) {
            events.publish(new AgentEvent.RunStarted(runId, startedAt, agent.name(), input, resumed));
        }
        Duration timeout = agent.limits().timeout();
        if (!timeout.isZero()) {
            watchdog = ToolThreads.watchdog().schedule(() -> {
                timedOut = true;
                interruptWork();
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void interruptWork() {
        Thread t = runner;
        if (t != null) {
            t.interrupt();
        }
        tools.cancelInFlight();
    }

    private void turn() {
        if (checkLimits()) {
            return;
        }
        turn++;
        if (events.active()) {
            events.publish(new AgentEvent.TurnStarted(runId, agent.clock().instant(), turn));
        }
        ModelRequest request = buildRequest();
        long t0 = System.nanoTime();
        StepExecutor.Outcome<ModelResponse> outcome;
        try {
            outcome = steps.execute(steps.journals() ? "turn-" + turn + "/model" : "", Codecs.MODEL_RESPONSE,
                    () -> new ModelChain(agent, events, runId, turn, 0, request).proceed(request));
        } catch (Exception e) {
            modelFailed(e);
            return;
        }
        ModelResponse response = outcome.value();
        usage = usage.plus(response.usage());
        cost += price(response).cost(response.usage());
        AssistantMessage answer = response.toMessage();
        transcript.add(answer);
        if (events.active()) {
            events.publish(new AgentEvent.ModelResponded(runId, agent.clock().instant(), turn, response,
                    Duration.ofNanos(System.nanoTime() - t0), outcome.replayed()));
        }
        if (!response.hasToolCalls()) {
            if (response.finishReason() == FinishReason.MAX_TOKENS) {
                finish(StopReason.OUTPUT_LIMIT, "the answer was cut off by the output token limit");
            } else if (response.finishReason() != FinishReason.PAUSE) {
                finish(StopReason.COMPLETED, "");
            }
            return;
        }
        LoopTools.Batch batch = tools.run(turn, answer.toolUses());
        transcript.add(new ToolResultMessage(batch.outputs()));
        for (Content.ToolOutput output : batch.outputs()) {
            consecutiveErrors = output.result().isError() ? consecutiveErrors + 1 : 0;
        }
        if (batch.loopDetected() != null) {
            finish(StopReason.LOOP_DETECTED, batch.loopDetected());
        } else if (timedOut) {
            finish(StopReason.TIMEOUT, "the run passed its time limit of " + agent.limits().timeout());
        } else if (cancelled) {
            finish(StopReason.CANCELLED, "the run was cancelled");
        } else if (consecutiveErrors >= agent.limits().maxConsecutiveToolErrors()) {
            finish(StopReason.TOOL_ERRORS, consecutiveErrors + " tool calls in a row failed");
        }
    }

    private String pricedModel;
    private Price price = new Price(0, 0, 0, 0);

    /** The price of the model that answered; looked up once per model id, as it rarely changes. */
    private Price price(ModelResponse response) {
        String id = response.modelId().isEmpty() ? agent.modelId().orElse(agent.model().name()) : response.modelId();
        if (!id.equals(pricedModel)) {
            price = agent.prices().priceOf(id).orElse(new Price(0, 0, 0, 0));
            pricedModel = id;
        }
        return price;
    }

    private boolean checkLimits() {
        Limits limits = agent.limits();
        if (cancelled) {
            return finish(StopReason.CANCELLED, "the run was cancelled");
        }
        if (timedOut || (!limits.timeout().isZero()
                && Duration.between(startedAt, agent.clock().instant()).compareTo(limits.timeout()) >= 0)) {
            return finish(StopReason.TIMEOUT, "the run passed its time limit of " + limits.timeout());
        }
        if (turn >= limits.maxTurns()) {
            return finish(StopReason.MAX_TURNS, "the run reached its limit of " + limits.maxTurns() + " turns");
        }
        if (limits.maxTokens() > 0 && usage.totalTokens() >= limits.maxTokens()) {
            return finish(StopReason.TOKEN_BUDGET, "the run spent " + usage.totalTokens() + " tokens of its budget of "
                    + limits.maxTokens());
        }
        if (limits.maxCostUsd() > 0 && cost >= limits.maxCostUsd()) {
            return finish(StopReason.COST_BUDGET, String.format("the run spent $%.4f of its budget of $%.4f", cost,
                    limits.maxCostUsd()));
        }
        return false;
    }

    private ModelRequest buildRequest() {
        if (template == null) {
            template = buildTemplate();
        }
        return template.withMessages(transcript);
    }

    private ModelRequest buildTemplate() {
        String system = agent.instructions();
        ModelRequest.Builder b = ModelRequest.builder().tools(agent.registry().specs())
                .maxOutputTokens(agent.maxOutputTokens()).putMetadata("run_id", runId);
        agent.modelId().ifPresent(b::model);
        if (outputSchema != null) {
            b.outputSchema(outputSchema);
            system = (system.isEmpty() ? "" : system + "\n\n")
                    + "When you give your final answer, reply with a single JSON object and nothing else. "
                    + "It must match this JSON Schema:\n" + outputSchema.schemaJson();
        }
        return b.system(system).build();
    }

    private void modelFailed(Exception e) {
        if (timedOut) {
            finish(StopReason.TIMEOUT, "the run passed its time limit of " + agent.limits().timeout());
        } else if (cancelled) {
            finish(StopReason.CANCELLED, "the run was cancelled");
        } else {
            if (e instanceof org.openagention.core.journal.JournalException je) {
                throw je;
            }
            String what = e instanceof ModelException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
            if (events.active()) {
                events.publish(new AgentEvent.ErrorOccurred(runId, agent.clock().instant(), "model call failed: " + what, e));
            }
            finish(StopReason.MODEL_ERROR, "the model call failed: " + what);
        }
    }

    private boolean finish(StopReason reason, String detail) {
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        String finalText = "";
        for (int i = transcript.size() - 1; i >= 0; i--) {
            if (transcript.get(i) instanceof AssistantMessage a) {
                finalText = a.text();
                break;
            }
        }
        Instant now = agent.clock().instant();
        result = new RunResult(runId, finalText, reason, detail, transcript, turn, usage, cost,
                Duration.ofNanos(System.nanoTime() - startNanos));
        if (steps.journals()) {
            ObjectNode payload = Json.object().put("stopReason", reason.name()).put("detail", detail).put("turns", turn)
                    .put("costUsd", cost);
            payload.set("usage", Codecs.usageToJson(usage));
            steps.record("run.finished", Json.write(payload));
        }
        if (events.active()) {
            if (reason != StopReason.COMPLETED) {
                events.publish(new AgentEvent.LimitReached(runId, now, reason, detail));
            }
            events.publish(new AgentEvent.RunFinished(runId, now, result));
        }
        return true;
    }

    /** Reopens a finished run with a follow-up from the user (used to re-ask for valid output). */
    void continueWith(String userText) {
        if (result == null) {
            throw new IllegalStateException("the run has not finished");
        }
        transcript.add(Message.user(userText));
        result = null;
    }

    void outputSchema(OutputSchema schema) {
        this.outputSchema = schema;
        this.template = null;
    }

    static Optional<String> journaledInput(List<JournalEntry> entries) {
        for (JournalEntry e : entries) {
            if (e.type().equals("run.started")) {
                JsonNode payload = Json.parseTrusted(e.payloadJson());
                return Optional.of(payload.get("input").asText());
            }
        }
        return Optional.empty();
    }

    boolean isCancelled() {
        return cancelled || timedOut;
    }

    Agent agent() {
        return agent;
    }

    /** How the run ended, once it has. */
    public Optional<RunResult> result() {
        return Optional.ofNullable(result);
    }

    public boolean isDone() {
        return result != null;
    }

    public String runId() {
        return runId;
    }

    /** A copy of the transcript so far. */
    public List<Message> transcript() {
        return List.copyOf(transcript);
    }

    /** The number of turns run so far. */
    public int turns() {
        return turn;
    }

    public Usage usage() {
        return usage;
    }

    public double costUsd() {
        return cost;
    }
}
