// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

/**
 * What comes back to the supervisor from a worker thread: an attempt's end ({@link Attempts.Done})
 * or a reviewer's answer ({@link ReviewFlow.Done}). Data only; the supervisor decides what it means.
 */
sealed interface Completion permits Attempts.Done, ReviewFlow.Done {
    /** The task it is about. */
    String taskId();
}
