// SPDX-License-Identifier: Apache-2.0
/**
 * Provenance: the sources an agent saw and the claims of its report checked against them (course
 * chapter 18). The entry point is {@link org.openagention.orchestration.provenance.ProvenanceTracker}.
 */
package org.openagention.orchestration.provenance;
