// SPDX-License-Identifier: Apache-2.0
/**
 * Batches: one agent task over many items, each item's failure isolated, resumable from a journal
 * (course chapter 18). The entry point is {@link org.openagention.orchestration.batch.BatchRunner}.
 */
package org.openagention.orchestration.batch;
