// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openagention.core.internal.Schemas;

/**
 * What a structured answer must be: a Java type (its JSON Schema generated from it), extra
 * validators, and how many attempts the model gets.
 *
 * <pre>{@code
 * record Deployment(String service, int replicas) {}
 * OutputSpec<Deployment> spec = OutputSpec.of(Deployment.class)
 *         .withValidator(d -> d.replicas() >= 1 && d.replicas() <= 10
 *                 ? List.of() : List.of("replicas must be between 1 and 10, not " + d.replicas()))
 *         .withMaxAttempts(3);
 * Deployment d = agent.run("Plan the deployment", spec).value();
 * }</pre>
 *
 * Immutable.
 */
public final class OutputSpec<T> {
    private final Class<T> type;
    private final String schemaJson;
    private final List<OutputValidator<? super T>> validators;
    private final int maxAttempts;

    private OutputSpec(Class<T> type, String schemaJson, List<OutputValidator<? super T>> validators, int maxAttempts) {
        this.type = type;
        this.schemaJson = schemaJson;
        this.validators = List.copyOf(validators);
        this.maxAttempts = maxAttempts;
    }

    /**
     * The spec of {@code type} with its generated schema, no extra validators and 3 attempts. The
     * type may use what tool arguments may (see {@link org.openagention.core.tool.Tool}), maps
     * included.
     *
     * @throws ConfigurationException when {@code type} is not a record or class, or reaches a type
     *     the schema cannot express (named in the message with its record and component)
     */
    public static <T> OutputSpec<T> of(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return new OutputSpec<>(type, Schemas.of(type), List.of(), 3);
    }

    public OutputSpec<T> withValidator(OutputValidator<? super T> validator) {
        List<OutputValidator<? super T>> list = new ArrayList<>(validators);
        list.add(Objects.requireNonNull(validator, "validator"));
        return new OutputSpec<>(type, schemaJson, list, maxAttempts);
    }

    public OutputSpec<T> withMaxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        return new OutputSpec<>(type, schemaJson, validators, maxAttempts);
    }

    public Class<T> type() {
        return type;
    }

    /** The JSON Schema the answer must match. */
    public String schemaJson() {
        return schemaJson;
    }

    public List<OutputValidator<? super T>> validators() {
        return validators;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** A short name for the schema, from the type's simple name in snake case. */
    public String schemaName() {
        return type.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
