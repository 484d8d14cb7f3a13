// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers.internal;

import java.time.Duration;
import org.openagention.core.model.ModelException;

/**
 * One attempt's stream for {@link HttpTransport#postSse}: hands each parsed server-sent event to
 * the listener and counts them, stops at {@code [DONE]}, and turns an {@code error} event (or a
 * {@code data} object with an {@code error} field) into the typed exception it describes, or into
 * a {@link RetryStream} when nothing has been delivered yet and the error may be retried. One
 * thread; not thread-safe.
 */
final class StreamSink implements SseParser.Sink {
    private final SseListener listener;
    private final String provider;
    private final String requestId;
    private final int attempt;
    private final Retries retries;
    private final Redactor redactor;
    private int delivered;

    StreamSink(SseListener listener, String provider, String requestId, int attempt, Retries retries,
            Redactor redactor) {
        this.listener = listener;
        this.provider = provider;
        this.requestId = requestId;
        this.attempt = attempt;
        this.retries = retries;
        this.redactor = redactor;
    }

    /** How many events reached the listener; once any has, the call is never retried. */
    int delivered() {
        return delivered;
    }

    @Override
    public boolean event(String name, String data) {
        if (data.equals("[DONE]")) {
            return false;
        }
        if (name.equals("error") || data.startsWith("{\"error\"")) {
            ModelException error = ProviderErrors.fromResponse(provider, 0, requestId, data, null, redactor);
            if (delivered == 0 && retries.mayRetryStreamError(error, attempt)) {
                throw new RetryStream(error, retries.backoff(attempt));
            }
            throw error;
        }
        delivered++;
        listener.onEvent(name, data);
        return true;
    }

    /** Signals, from inside the parser, that an error event arrived before any content and may be retried. */
    static final class RetryStream extends RuntimeException {
        final ModelException error;
        final Duration delay;

        RetryStream(ModelException error, Duration delay) {
            super(null, null, false, false);
            this.error = error;
            this.delay = delay;
        }
    }
}
