// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

/** A person's decision on one call, sent to the agent workflow as the {@code approve} signal. */
public record ApprovalSignal(String callId, boolean approved, String by, String reason) {}
