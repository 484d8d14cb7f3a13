// SPDX-License-Identifier: Apache-2.0
/**
 * How a task's work is accepted: its {@link org.openagention.orchestration.review.AcceptanceCheck}
 * (a command such as the test suite, or custom code) gives a
 * {@link org.openagention.orchestration.review.Verdict}; a task with a
 * {@link org.openagention.orchestration.review.Reviewer} (a person or an agent) then goes through
 * the {@link org.openagention.orchestration.review.ReviewQueue}, whose
 * {@link org.openagention.orchestration.review.ReviewItem}s are approved, rejected or sent back for
 * revision ({@link org.openagention.orchestration.review.ReviewDecision}).
 */
package org.openagention.orchestration.review;
