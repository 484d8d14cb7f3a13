// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.context;

import java.util.ArrayList;
import java.util.List;
import org.openagention.core.message.Message;
import org.openagention.core.model.ContextWindowExceededException;
import org.openagention.core.model.Model;
import org.openagention.core.model.ModelException;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;

/**
 * Writes and extends checkpoint summaries with the model. Aged messages that do not fit one
 * summarisation call are folded in over several calls (each extends the summary of the one
 * before), so that no summarisation request exceeds the budget either. Thread-safe (stateless).
 */
final class Summariser {
    /** What a summarisation produced: the summary and the tokens its calls used. */
    record Summary(String text, Usage usage) {}

    private final Model model;
    private final String prompt;
    private final int maxTokens;
    private final TokenCounter counter;
    private final long budget;

    /**
     * @param budget the most tokens a summarisation call may use, input plus {@code maxTokens}
     */
    Summariser(Model model, String prompt, int maxTokens, TokenCounter counter, long budget) {
        this.model = model;
        this.prompt = prompt;
        this.maxTokens = maxTokens;
        this.counter = counter;
        this.budget = budget;
    }

    /** The output cap of each summarisation call. */
    int maxTokens() {
        return maxTokens;
    }

    /** The summary {@code previous} (empty for none) extended with {@code aged}. */
    Summary summarise(String previous, List<Message> aged, ModelRequest original) {
        List<String> pieces = new ArrayList<>(SummaryInput.render(aged));
        String summary = previous;
        Usage used = Usage.ZERO;
        int i = 0;
        while (i < pieces.size()) {
            int end = fill(summary, pieces, i, original);
            ModelRequest request = request(summary, String.join("\n", pieces.subList(i, end)), original);
            ModelResponse response = model.complete(request);
            if (response == null) {
                throw new ModelException("model " + model.name() + " returned no response to the summarisation call");
            }
            counter.observe(request, response.usage());
            used = used.plus(response.usage());
            summary = response.text().strip();
            if (summary.isEmpty()) {
                throw new ModelException("model " + model.name() + " returned an empty checkpoint summary");
            }
            i = end;
        }
        return new Summary(summary, used);
    }

    /** The end (exclusive) of the pieces from {@code start} that fit one call; may shrink a piece in place. */
    private int fill(String summary, List<String> pieces, int start, ModelRequest original) {
        long base = counter.count(request(summary, "", original));
        long room = budget - maxTokens - base;
        if (room <= 0) {
            throw new ContextWindowExceededException("context window exceeded: the checkpoint summary so far needs about " + base
                    + " tokens, which leaves no room to extend it within " + budget
                    + " tokens; give the model a larger context window or a smaller summaryMaxTokens");
        }
        long empty = counter.count(ModelRequest.builder().build());
        int end = start;
        long sum = 0;
        while (end < pieces.size()) {
            long cost = counter.count(single(pieces.get(end))) - empty;
            if (sum + cost > room) {
                break;
            }
            sum += cost;
            end++;
        }
        if (end == start) {
            end = start + 1;
        }
        while (counter.count(request(summary, String.join("\n", pieces.subList(start, end)), original)) + maxTokens > budget) {
            if (end - start > 1) {
                end--;
            } else {
                pieces.set(start, shrink(pieces.get(start), room, empty));
            }
        }
        return end;
    }

    /** {@code piece} cut so that it should cost at most about {@code tokens}. */
    private String shrink(String piece, long tokens, long empty) {
        long cost = Math.max(1, counter.count(single(piece)) - empty);
        int target = (int) Math.min(piece.length() - 200L, (long) (piece.length() * 0.9 * tokens / cost));
        if (target < 200) {
            throw new ContextWindowExceededException("context window exceeded: one message is too large to summarise within "
                    + budget + " tokens, even cut to its head and tail");
        }
        return SummaryInput.cap(piece, target);
    }

    private static ModelRequest single(String text) {
        return ModelRequest.builder().addMessage(Message.user(text)).build();
    }

    ModelRequest request(String previous, String transcript, ModelRequest original) {
        String body;
        if (previous.isEmpty()) {
            body = "<messages>\n" + transcript + "\n</messages>\n\nWrite the checkpoint summary of these messages.";
        } else {
            body = "<previous-summary>\n" + previous + "\n</previous-summary>\n\n<new-messages>\n" + transcript
                    + "\n</new-messages>\n\nUpdate the checkpoint summary: merge what the new messages add into the"
                    + " previous summary and reply with the complete updated summary.";
        }
        ModelRequest.Builder b = ModelRequest.builder().system(prompt).addMessage(Message.user(body))
                .maxOutputTokens(maxTokens).putMetadata("purpose", "compaction");
        original.model().ifPresent(b::model);
        String runId = original.metadata().get("run_id");
        if (runId != null) {
            b.putMetadata("run_id", runId);
        }
        return b.build();
    }
}
