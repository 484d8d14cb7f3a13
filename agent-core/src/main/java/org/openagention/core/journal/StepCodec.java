package org.openagention.core.journal;

/**
 * Turns a step's result into journal JSON and back, so that a resumed run can replay the step
 * instead of running it again.
 *
 * @param <T> the step's result type
 */
public interface StepCodec<T> {

    /** The journal entry type for this step's result, such as {@code tool.result}. */
    String type();

    String encode(T value);

    T decode(String json);
}
