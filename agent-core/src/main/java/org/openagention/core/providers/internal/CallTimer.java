// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.providers.internal;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.openagention.core.model.ProviderTimeoutException.Timeout;

/**
 * The time limits of one provider call: the request timeout over the whole call (every attempt and
 * every wait between them), the idle timeout over each silence of the server, and the connect
 * timeout (which the HTTP client applies). It measures with {@link System#nanoTime()}: timeouts
 * are real time even where tests fake the clock and the sleeper. One call, one thread.
 */
final class CallTimer {
    private final long start = System.nanoTime();
    private final Duration connect;
    private final Duration idle;
    private final Duration request;

    CallTimer(Duration connect, Duration idle, Duration request) {
        this.connect = connect;
        this.idle = idle;
        this.request = request;
    }

    /** The request time left; zero or negative once spent. */
    Duration remaining() {
        return request.minusNanos(System.nanoTime() - start);
    }

    Duration request() {
        return request;
    }

    Duration connect() {
        return connect;
    }

    /**
     * How long to wait for the response headers: for a stream, the idle timeout (a streaming
     * server answers at once) or the request time left, whichever is shorter; otherwise the request
     * time left (a non-streamed answer comes when the model is done).
     */
    Limit headers(boolean streamed) {
        return streamed ? body() : new Limit(remaining(), Timeout.REQUEST, request);
    }

    /** How long to wait for the next bytes of a body: the idle timeout or the request time left. */
    Limit body() {
        Duration left = remaining();
        return idle.compareTo(left) < 0 ? new Limit(idle, Timeout.IDLE, idle) : new Limit(left, Timeout.REQUEST, request);
    }

    /**
     * One wait and the timeout that bounds it.
     *
     * @param duration how long to wait now (may be zero or negative when the request time is spent)
     * @param timeout which timeout fires if the wait runs out
     * @param configured that timeout's setting, for the message
     */
    record Limit(Duration duration, Timeout timeout, Duration configured) {
        TimedOut expired() {
            return new TimedOut(timeout, configured);
        }
    }

    /** A timeout that fired, as the I/O failure it is; {@link Retries} turns it into the typed exception. */
    static final class TimedOut extends HttpTimeoutException {
        private static final long serialVersionUID = 1L;
        final transient Timeout timeout;
        final transient Duration after;

        TimedOut(Timeout timeout, Duration after) {
            super(Durations.describe(timeout, after));
            this.timeout = timeout;
            this.after = after;
        }
    }
}
