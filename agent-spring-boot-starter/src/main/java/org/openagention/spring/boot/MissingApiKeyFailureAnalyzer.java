// SPDX-License-Identifier: Apache-2.0
package org.openagention.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link MissingApiKeyException} into Spring Boot's start-up report: what is missing, and what to set. */
final class MissingApiKeyFailureAnalyzer extends AbstractFailureAnalyzer<MissingApiKeyException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingApiKeyException cause) {
        return new FailureAnalysis(cause.getMessage() + ".",
                "Set the " + cause.variable() + " environment variable, or the " + cause.property()
                        + " property (for example " + cause.property().toUpperCase().replace('.', '_').replace('-', '_')
                        + " in the environment); to read the key from another variable, set openagention.model.api-key-env.",
                cause);
    }
}
