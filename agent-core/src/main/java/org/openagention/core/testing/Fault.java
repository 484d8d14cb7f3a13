// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.testing;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure a {@link FaultyProvider} answers a request with: what real providers and the networks
 * in front of them do on a bad day.
 *
 * <ul>
 *   <li>{@link #status(int)}: an error response in the provider's error shape (429, 5xx,
 *       Anthropic's 529 {@code overloaded_error}, 4xx), optionally with {@link #retryAfter};
 *   <li>{@link #connectionReset()}: the connection is closed before any byte of a response;
 *   <li>{@link #cutMidToolCall()}: a 200 whose body (or stream) stops in the middle of a tool
 *       call's arguments, and the connection drops;
 *   <li>{@link #malformedBody()}: a 200 whose body (or stream event) is not JSON;
 *   <li>{@link #emptyChoices()}: a well-formed 200 without any answer in it ({@code "choices": []},
 *       or an Anthropic message with no content);
 *   <li>{@link #hugeBody(int)}: a well-formed text answer of the given size;
 *   <li>{@link #silence()}: the request is read and never answered until the provider closes.
 * </ul>
 *
 * <p>Immutable; the modifiers return a new fault.
 */
public final class Fault implements FaultyProvider.Answer {
    enum Kind { STATUS, RESET, CUT_MID_TOOL_CALL, MALFORMED, EMPTY_CHOICES, HUGE, SILENCE }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;
    private final int size;

    private Fault(Kind kind, int status, Duration retryAfter, int size) {
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
        this.size = size;
    }

    /** An error response with HTTP {@code status} (400 to 599) and the provider's error body for it. */
    public static Fault status(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a fault status must be 400 to 599: " + status);
        }
        return new Fault(Kind.STATUS, status, null, 0);
    }

    /** The connection closed after the request was read, before any response byte. */
    public static Fault connectionReset() {
        return new Fault(Kind.RESET, 0, null, 0);
    }

    /** A tool call whose response stops in the middle of its arguments, the connection dropped. */
    public static Fault cutMidToolCall() {
        return new Fault(Kind.CUT_MID_TOOL_CALL, 200, null, 0);
    }

    /** A 200 whose JSON body, or first stream event, is not valid JSON. */
    public static Fault malformedBody() {
        return new Fault(Kind.MALFORMED, 200, null, 0);
    }

    /** A well-formed 200 that holds no answer: no choices (OpenAI), no content blocks (Anthropic). */
    public static Fault emptyChoices() {
        return new Fault(Kind.EMPTY_CHOICES, 200, null, 0);
    }

    /** A well-formed text answer whose text is {@code bytes} long (ASCII), to test large bodies. */
    public static Fault hugeBody(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("a huge body needs a positive size: " + bytes);
        }
        return new Fault(Kind.HUGE, 200, null, bytes);
    }

    /**
     * No answer at all: the request is read and the connection held open, silent, until the
     * provider is closed. Only a client's timeout gets the caller out.
     */
    public static Fault silence() {
        return new Fault(Kind.SILENCE, 0, null, 0);
    }

    /**
     * This status fault with a {@code Retry-After} header (whole seconds, rounded up) and a
     * {@code retry-after-ms} header (exact), as OpenAI and Anthropic send them.
     */
    public Fault retryAfter(Duration wait) {
        Objects.requireNonNull(wait, "wait");
        if (kind != Kind.STATUS) {
            throw new IllegalStateException("only a status fault has a Retry-After: " + this);
        }
        if (wait.isNegative()) {
            throw new IllegalArgumentException("Retry-After must not be negative: " + wait);
        }
        return new Fault(kind, status, wait, size);
    }

    Kind kind() {
        return kind;
    }

    int statusCode() {
        return status;
    }

    Duration retryAfterValue() {
        return retryAfter;
    }

    int size() {
        return size;
    }

    @Override
    public String toString() {
        switch (kind) {
            case STATUS:
                return "status " + status + (retryAfter == null ? "" : " (retry after " + retryAfter.toMillis() + " ms)");
            case RESET:
                return "connection reset";
            case CUT_MID_TOOL_CALL:
                return "cut mid tool call";
            case MALFORMED:
                return "malformed body";
            case EMPTY_CHOICES:
                return "empty choices";
            case HUGE:
                return "huge body (" + size + " bytes)";
            default:
                return "silence";
        }
    }
}
