// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import java.util.List;

/**
 * A check on a structured answer beyond its schema, such as a range or a cross-field rule.
 * Returns every problem found, each a sentence the model can act on; an empty list means valid.
 */
@FunctionalInterface
public interface OutputValidator<T> {
    List<String> validate(T value);
}
