// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.context;

import java.util.ArrayList;
import java.util.List;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.SystemMessage;
import org.openagention.core.message.UserMessage;
import org.openagention.core.model.ContextWindowExceededException;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.Usage;

/**
 * One compaction of one request: chooses where the verbatim part starts, brings the checkpoint
 * summary up to that point, and builds the request to send. Used by one thread, once.
 *
 * <p>The verbatim part starts at a clean boundary: a user message that carries no tool results,
 * or an assistant message (its tool results follow it, so they stay with it). A tool result is
 * therefore never sent without the tool use it answers. System messages at the head of the
 * transcript stay in front of the summary.
 */
final class CompactionPass {
    /** What to send, how large it is, what the summarisation cost, and the checkpoint it used. */
    record Result(ModelRequest request, long tokens, Usage summaryUsage, Checkpoint checkpoint, boolean summarised) {}

    /** A summary of the first {@code covered} messages of a run's transcript. */
    record Checkpoint(int covered, int prefixHash, String summary) {}

    static final String HEADER = "[Checkpoint summary of the earlier part of this conversation, written when the"
            + " context window filled up. The messages after it are verbatim.]\n\n";

    private final TokenCounter counter;
    private final Summariser summariser;
    private final int keepRecent;
    private final long lowWater;
    private final long target;
    private final long hard;
    private final ModelRequest request;
    private final List<Message> messages;
    private final int pinned;

    /**
     * @param lowWater the size a compaction aims for (the verbatim part is cut to fit it)
     * @param target the size above which the request is compacted
     * @param hard the most the request may have
     */
    CompactionPass(TokenCounter counter, Summariser summariser, int keepRecent, long lowWater, long target, long hard,
            ModelRequest request) {
        this.counter = counter;
        this.summariser = summariser;
        this.keepRecent = keepRecent;
        this.lowWater = lowWater;
        this.target = target;
        this.hard = hard;
        this.request = request;
        this.messages = request.messages();
        int p = 0;
        while (p < messages.size() && messages.get(p) instanceof SystemMessage) {
            p++;
        }
        this.pinned = p;
    }

    Result run(Checkpoint cached, long tokensBefore) {
        Checkpoint cp = isValid(cached) ? cached : null;
        if (cp != null) {
            ModelRequest reused = compose(cp);
            long n = counter.count(reused);
            if (n <= target) {
                return new Result(reused, n, Usage.ZERO, cp, false);
            }
        }
        List<Integer> bounds = boundaries(cp == null ? pinned : cp.covered());
        if (bounds.isEmpty()) {
            return nothingToAge(cp, tokensBefore);
        }
        long minimal = keptTokens(bounds.get(bounds.size() - 1));
        if (minimal > hard) {
            throw tooLarge(minimal);
        }
        int i = firstBound(bounds);
        Usage used = Usage.ZERO;
        while (true) {
            int k = bounds.get(i);
            int from = cp == null ? pinned : cp.covered();
            Summariser.Summary s = summariser.summarise(cp == null ? "" : cp.summary(), messages.subList(from, k), request);
            used = used.plus(s.usage());
            cp = new Checkpoint(k, messages.subList(0, k).hashCode(), s.text());
            ModelRequest compacted = compose(cp);
            long n = counter.count(compacted);
            boolean last = i == bounds.size() - 1;
            if (n <= target || (last && n <= hard)) {
                return new Result(compacted, n, used, cp, true);
            }
            if (last) {
                throw tooLarge(n);
            }
            i++;
        }
    }

    /**
     * The bound to try first: keeping at least {@code keepRecent} messages, or fewer if they would
     * not fit below the low-water mark with the summary.
     */
    private int firstBound(List<Integer> bounds) {
        int i = 0;
        for (int j = 0; j < bounds.size(); j++) {
            if (bounds.get(j) <= messages.size() - keepRecent) {
                i = j;
            }
        }
        long reserve = summariser.maxTokens() + counter.count(ModelRequest.builder().addMessage(Message.user(HEADER)).build());
        while (i < bounds.size() - 1 && keptTokens(bounds.get(i)) + reserve > lowWater) {
            i++;
        }
        return i;
    }

    private Result nothingToAge(Checkpoint cp, long tokensBefore) {
        if (cp != null) {
            ModelRequest reused = compose(cp);
            long n = counter.count(reused);
            if (n <= hard) {
                return new Result(reused, n, Usage.ZERO, cp, false);
            }
            throw tooLarge(n);
        }
        if (tokensBefore <= hard) {
            return new Result(request, tokensBefore, Usage.ZERO, null, false);
        }
        throw tooLarge(tokensBefore);
    }

    private boolean isValid(Checkpoint cp) {
        return cp != null && cp.covered() > pinned && cp.covered() < messages.size()
                && isCleanStart(messages.get(cp.covered()))
                && messages.subList(0, cp.covered()).hashCode() == cp.prefixHash();
    }

    /** Clean boundaries after {@code from}, in order; each leaves at least one message verbatim. */
    private List<Integer> boundaries(int from) {
        List<Integer> bounds = new ArrayList<>();
        for (int k = from + 1; k < messages.size(); k++) {
            if (isCleanStart(messages.get(k))) {
                bounds.add(k);
            }
        }
        return bounds;
    }

    /** Whether the verbatim part may start at {@code m}. */
    static boolean isCleanStart(Message m) {
        if (m instanceof AssistantMessage) {
            return true;
        }
        if (m instanceof UserMessage u) {
            for (Content c : u.content()) {
                if (c instanceof Content.ToolOutput) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** The tokens of the request with only the pinned messages and the messages from {@code k}. */
    private long keptTokens(int k) {
        List<Message> kept = new ArrayList<>(messages.subList(0, pinned));
        kept.addAll(messages.subList(k, messages.size()));
        return counter.count(request.toBuilder().messages(kept).build());
    }

    /** The request with the messages before the checkpoint replaced by its summary. */
    ModelRequest compose(Checkpoint cp) {
        int k = cp.covered();
        List<Message> out = new ArrayList<>(pinned + 1 + messages.size() - k);
        out.addAll(messages.subList(0, pinned));
        Content.Text summary = new Content.Text(HEADER + cp.summary());
        if (messages.get(k) instanceof UserMessage u) {
            List<Content> content = new ArrayList<>(u.content().size() + 1);
            content.add(summary);
            content.addAll(u.content());
            out.add(new UserMessage(content));
            out.addAll(messages.subList(k + 1, messages.size()));
        } else {
            out.add(new UserMessage(List.of(summary)));
            out.addAll(messages.subList(k, messages.size()));
        }
        return request.toBuilder().messages(out).build();
    }

    private ContextWindowExceededException tooLarge(long tokens) {
        return new ContextWindowExceededException("context window exceeded: even with the older messages summarised, the request"
                + " needs about " + tokens + " tokens, more than the " + hard + " the context window allows"
                + (request.maxOutputTokens() > 0 ? " with " + request.maxOutputTokens() + " reserved for output" : "")
                + ". A single recent message is too large: cap tool output (ToolOutputLimit) or use a model with a"
                + " larger context window");
    }
}
