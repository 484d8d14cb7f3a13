// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

/** One journal entry as the {@code journal} query returns it (time in epoch milliseconds). */
public record JournalRow(long sequence, String type, String stepId, long atMillis, String payloadJson) {}
