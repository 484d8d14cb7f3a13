// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.tool;

/**
 * Around-advice for tool calls: approvals, checkpoints, output caps, caching and guardrails are
 * tool interceptors.
 *
 * <p>An interceptor may inspect or rewrite the call, short-circuit by returning a result without
 * calling {@link Chain#proceed}, or post-process the result. Interceptors run in the order they
 * were added, the first outermost; the innermost step is the tool itself. They run only for tools
 * that exist and whose arguments parse and match the schema; calling {@code proceed} with
 * arguments that no longer match is reported to the model as an argument error.
 *
 * <p>Contract, checked by the chain: call {@code proceed} at most once per call, and return a
 * result (the chain's or one of your own, as an approval denial does). Calling it twice, or
 * returning null, fails the call with an error naming the interceptor (its {@code toString()}).
 */
@FunctionalInterface
public interface ToolInterceptor {

    ToolResult intercept(Chain chain) throws Exception;

    /** The rest of the chain, seen from one interceptor. */
    interface Chain {
        /** The call as it stands at this point of the chain. */
        ToolCall call();

        /** The tool that will run. */
        Tool tool();

        /** The run around the call. */
        ToolContext context();

        /** Runs the rest of the chain with {@code call} (the same or a rewritten one). */
        ToolResult proceed(ToolCall call) throws Exception;
    }
}
