// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.journal;

/**
 * Turns a step's result (or a recorded fact) into journal JSON and back, so that a resumed run can
 * replay the step instead of running it again.
 *
 * <p>Implementations are stateless and thread-safe. {@link #decode} must accept whatever
 * {@link #encode} wrote, and the JSON must carry everything decode needs (a sealed fact type
 * writes its own variant into the JSON, not only into {@link #typeOf}).
 *
 * @param <T> the step's result type
 */
public interface StepCodec<T> {

    /** The journal entry type for this step's result, such as {@code tool.result}. */
    String type();

    /**
     * The journal entry type for one value: {@link #type()} unless the codec serves a sealed type
     * whose variants name themselves (such as {@code task.started}).
     */
    default String typeOf(T value) {
        return type();
    }

    String encode(T value);

    T decode(String json);
}
