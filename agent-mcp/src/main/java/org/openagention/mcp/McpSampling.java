// SPDX-License-Identifier: Apache-2.0
package org.openagention.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.openagention.core.message.Message;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.Model;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;

/**
 * Sampling handlers: servers' requests answered by one of our {@link Model}s.
 *
 * <pre>{@code
 * McpOptions options = McpOptions.builder()
 *         .sampling(McpSampling.withModel(model, 20_000, request -> request.server().equals("docs")))
 *         .build();
 * }</pre>
 */
public final class McpSampling {
    private McpSampling() {}

    /**
     * Answers with {@code model}: each request must pass {@code approve} (the policy: which servers,
     * which prompts) and the tokens used by all requests together stay within {@code tokenBudget};
     * a request past either is refused with a message saying which. Each request's
     * {@code maxTokens} is capped by what is left of the budget. Thread-safe.
     */
    public static McpSamplingHandler withModel(Model model, long tokenBudget, Predicate<McpSamplingRequest> approve) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(approve, "approve");
        if (tokenBudget <= 0) {
            throw new IllegalArgumentException("tokenBudget must be positive, was " + tokenBudget);
        }
        AtomicLong used = new AtomicLong();
        return request -> {
            if (!approve.test(request)) {
                throw new McpRequestException("sampling for MCP server '" + request.server() + "' was not approved by the policy");
            }
            long left = tokenBudget - used.get();
            if (left <= 0) {
                throw new McpRequestException("the sampling budget of " + tokenBudget + " tokens is spent");
            }
            List<Message> messages = new ArrayList<>();
            for (McpSamplingRequest.Turn t : request.messages()) {
                messages.add(t.fromUser() ? Message.user(t.text()) : Message.assistant(t.text()));
            }
            ModelRequest.Builder b = ModelRequest.builder().messages(messages)
                    .maxOutputTokens((int) Math.max(1, Math.min(request.maxTokens(), left)));
            request.systemPrompt().ifPresent(b::system);
            ModelResponse response = model.complete(b.build());
            used.addAndGet(response.usage().totalTokens());
            String stop = response.finishReason() == FinishReason.MAX_TOKENS ? "maxTokens" : "endTurn";
            return new McpSamplingHandler.Result(response.text(), response.modelId(), stop);
        };
    }
}
