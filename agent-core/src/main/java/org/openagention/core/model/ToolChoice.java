// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.model;

import java.util.Objects;

/** Whether and which tool the model must call. */
public sealed interface ToolChoice {
    /** The model decides (the default). */
    record Auto() implements ToolChoice {}

    /** The model must call some tool. */
    record Required() implements ToolChoice {}

    /** The model must not call tools. */
    record None() implements ToolChoice {}

    /** The model must call this tool. */
    record Named(String name) implements ToolChoice {
        public Named {
            Objects.requireNonNull(name, "name");
        }
    }

    ToolChoice AUTO = new Auto();
    ToolChoice REQUIRED = new Required();
    ToolChoice NONE = new None();

    static ToolChoice named(String name) {
        return new Named(name);
    }
}
