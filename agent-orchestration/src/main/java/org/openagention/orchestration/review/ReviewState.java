// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.review;

/**
 * Where a {@link ReviewItem} is: waiting, approved, rejected (both final), or sent back for
 * revision (until it is resubmitted).
 */
public enum ReviewState {
    PENDING,
    APPROVED,
    REJECTED,
    REVISED
}
