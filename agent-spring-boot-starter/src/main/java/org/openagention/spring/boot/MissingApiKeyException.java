// SPDX-License-Identifier: Apache-2.0
package org.openagention.spring.boot;

import org.openagention.core.ConfigurationException;

/**
 * The configured provider needs an API key and none is set: neither the property nor the
 * environment variable. Thrown while the {@code Model} bean is made, so the application does not
 * start; Spring Boot's failure analysis then says which property and variable to set.
 */
public final class MissingApiKeyException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    private final String property;
    private final String variable;

    MissingApiKeyException(String provider, String property, String variable) {
        super("openagention.model.provider is " + provider + " but no API key is set: set the " + variable
                + " environment variable or the " + property + " property");
        this.property = property;
        this.variable = variable;
    }

    /** The property that holds the key: {@code openagention.model.api-key}. */
    public String property() {
        return property;
    }

    /** The environment variable the key was looked for in, such as {@code ANTHROPIC_API_KEY}. */
    public String variable() {
        return variable;
    }
}
