// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.provenance;

/**
 * How well a claim is backed by the sources it cites. The rule, applied by
 * {@link ProvenanceTracker}:
 *
 * <ul>
 *   <li>{@link #UNSUPPORTED}: the claim cites no source that exists (no citation at all, or only
 *       ids the tracker never recorded): a possible hallucination.
 *   <li>{@link #INFERRED}: it cites sources that exist, but fewer than half of the claim's key
 *       terms appear in them, or some of its cited ids do not exist, or it has no key terms to
 *       check: the claim may follow from the sources but does not restate them.
 *   <li>{@link #SUPPORTED}: every cited id exists and at least half of the claim's key terms
 *       appear in the cited sources.
 * </ul>
 *
 * Key terms are the claim's words of three or more letters or digits, lowercased, without common
 * English stop words. A term matches a source word that equals it or shares its stem: a common
 * prefix of at least four characters that leaves at most two characters of the shorter word
 * ("injection" matches "injections", "depends" matches "dependency", "fails" matches "failures").
 */
public enum Support {
    SUPPORTED,
    INFERRED,
    UNSUPPORTED
}
