// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.tool;

/**
 * The body of a tool made with {@link Tool#of}: receives the arguments already parsed and
 * validated into {@code A}.
 *
 * <p>Return {@link ToolResult#error(String)} for failures the model can correct; an exception
 * thrown here is caught and reported to the model as a {@link ToolResult.ErrorKind#HANDLER_EXCEPTION}.
 */
@FunctionalInterface
public interface ToolHandler<A> {
    ToolResult handle(A arguments, ToolContext context) throws Exception;
}
