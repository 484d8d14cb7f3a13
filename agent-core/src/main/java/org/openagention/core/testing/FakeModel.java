// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.Model;
import org.openagention.core.model.ModelException;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;

/**
 * A scripted {@link Model} for tests: answers with the responses you enqueue, in order, and
 * records every request it receives.
 *
 * <pre>{@code
 * FakeModel model = new FakeModel()
 *         .enqueueToolCall("read_file", "{\"path\":\"README.md\"}")
 *         .enqueueText("The README says hello.");
 * RunResult result = Agent.builder().model(model).addTool(readFile).build().run("Summarise");
 * assertThat(model.takeRequest().messages()).hasSize(1);
 * }</pre>
 *
 * <p>When the script runs out it throws a {@link ModelException} that says so, rather than
 * inventing an answer. Thread-safe.
 */
public final class FakeModel implements Model {
    private final Deque<Function<ModelRequest, ModelResponse>> script = new ArrayDeque<>();
    private final BlockingQueue<ModelRequest> requests = new LinkedBlockingQueue<>();
    private final List<ModelRequest> allRequests = new ArrayList<>();
    private final String name;
    private int callIds;
    private int contextWindow;

    public FakeModel() {
        this("fake-model");
    }

    public FakeModel(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** A fake that answers every request with {@code responder}, never running out. */
    public static FakeModel answering(Function<ModelRequest, ModelResponse> responder) {
        FakeModel m = new FakeModel();
        m.fallback = responder;
        return m;
    }

    private Function<ModelRequest, ModelResponse> fallback;

    /** Enqueues a response. */
    public synchronized FakeModel enqueue(ModelResponse response) {
        Objects.requireNonNull(response, "response");
        script.add(request -> response);
        return this;
    }

    /** Enqueues a response computed from the request it answers. */
    public synchronized FakeModel enqueue(Function<ModelRequest, ModelResponse> responder) {
        script.add(Objects.requireNonNull(responder, "responder"));
        return this;
    }

    /** Enqueues a final text answer. */
    public FakeModel enqueueText(String text) {
        return enqueue(ModelResponse.builder().addText(text).finishReason(FinishReason.END_TURN)
                .modelId(name).usage(new Usage(10, 5)).build());
    }

    /** Enqueues a turn that calls one tool (with a generated call id). */
    public FakeModel enqueueToolCall(String tool, String argumentsJson) {
        return enqueue(toolCalls(new String[][] {{tool, argumentsJson}}));
    }

    /** Enqueues a turn that calls several tools at once: pairs of name and arguments JSON. */
    public FakeModel enqueueToolCalls(String... namesAndArguments) {
        if (namesAndArguments.length % 2 != 0) {
            throw new IllegalArgumentException("enqueueToolCalls takes pairs of tool name and arguments JSON");
        }
        String[][] pairs = new String[namesAndArguments.length / 2][];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = new String[] {namesAndArguments[2 * i], namesAndArguments[2 * i + 1]};
        }
        return enqueue(toolCalls(pairs));
    }

    /** Enqueues a failure: the call throws {@code error}. */
    public synchronized FakeModel enqueueError(RuntimeException error) {
        Objects.requireNonNull(error, "error");
        script.add(request -> {
            throw error;
        });
        return this;
    }

    private synchronized ModelResponse toolCalls(String[][] pairs) {
        ModelResponse.Builder b = ModelResponse.builder().finishReason(FinishReason.TOOL_USE).modelId(name)
                .usage(new Usage(10, 5));
        for (String[] pair : pairs) {
            b.addToolUse("call_" + (++callIds), pair[0], pair[1]);
        }
        return b.build();
    }

    /** Sets the context window this fake reports. */
    public FakeModel withContextWindow(int tokens) {
        this.contextWindow = tokens;
        return this;
    }

    @Override
    public ModelResponse complete(ModelRequest request) {
        Function<ModelRequest, ModelResponse> next;
        synchronized (this) {
            requests.add(request);
            allRequests.add(request);
            next = script.poll();
            if (next == null) {
                next = fallback;
            }
        }
        if (next == null) {
            throw new ModelException("FakeModel's script is exhausted: request " + allRequests.size()
                    + " arrived but only " + (allRequests.size() - 1) + " responses were enqueued");
        }
        return next.apply(request);
    }

    /** Takes the oldest request not yet taken; fails if none arrives within 5 seconds. */
    public ModelRequest takeRequest() {
        try {
            ModelRequest r = requests.poll(5, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("FakeModel received no request within 5 seconds");
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a request", e);
        }
    }

    /** Every request received so far, in order. */
    public synchronized List<ModelRequest> requests() {
        return List.copyOf(allRequests);
    }

    /** How many scripted responses are left. */
    public synchronized int remaining() {
        return script.size();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int contextWindow() {
        return contextWindow;
    }
}
