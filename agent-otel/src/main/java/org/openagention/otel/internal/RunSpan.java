// SPDX-License-Identifier: Apache-2.0
package org.openagention.otel.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open {@code invoke_agent} span of one run, and the context its model and tool spans are
 * children of. Tool calls of one turn may run on several threads at once, hence the concurrent set.
 */
final class RunSpan {
    final Span span;
    final Context context;
    /** Tool call ids the tool interceptor made a span for; the listener makes one for the others. */
    private final Set<String> spannedCalls = ConcurrentHashMap.newKeySet();
    /** The exception that failed the run, when one did. */
    volatile Throwable error;

    RunSpan(Span span, Context context) {
        this.span = span;
        this.context = context;
    }

    void spanned(String callId) {
        spannedCalls.add(callId);
    }

    boolean wasSpanned(String callId) {
        return spannedCalls.contains(callId);
    }
}
