// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.openagention.core.message.Message;
import org.openagention.core.message.UserMessage;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolSpec;

/**
 * A tool that transfers the conversation to another agent: when the model calls it, the run goes
 * on with the target agent (its model, instructions and tools) in the same run, journal and
 * budget, and {@link RunResult#agentName()} names the agent that finished.
 *
 * <pre>{@code
 * Agent billing = Agent.builder().name("billing").model(model).instructions("You handle invoices.").build();
 * Agent triage = Agent.builder().name("triage").model(model)
 *         .addTool(Handoff.to(billing).description("Questions about invoices and payments").build())
 *         .build();
 * RunResult result = triage.run("Why was I charged twice?");
 * result.agentName();   // "billing"
 * }</pre>
 *
 * <p>A filter decides what history the target sees (everything by default, or
 * {@link #firstUserMessageOnly()}); the run's transcript is what the filter returns, followed by
 * the target's turns. The handoff is decided from the call's journaled result, so a resumed run
 * hands off again at the same point. Immutable and thread-safe.
 */
public final class Handoff implements Tool {
    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"reason\":{\"type\":\"string\","
            + "\"description\":\"Why the conversation is transferred\"}},\"additionalProperties\":false}";

    private final Agent target;
    private final ToolSpec spec;
    private final UnaryOperator<List<Message>> filter;

    private Handoff(Builder b) {
        this.target = b.target;
        this.spec = new ToolSpec(b.name == null ? "transfer_to_" + target.name().replaceAll("[^A-Za-z0-9_-]", "_") : b.name,
                b.description == null ? "Transfers the conversation to the agent '" + target.name() + "'"
                        : "Transfers the conversation to the agent '" + target.name() + "': " + b.description,
                SCHEMA);
        this.filter = b.filter;
    }

    /** A builder for a handoff to {@code target}; the tool is named {@code transfer_to_<target name>}. */
    public static Builder to(Agent target) {
        return new Builder(target);
    }

    /** A history filter that keeps only the run's first user message (the original request). */
    public static UnaryOperator<List<Message>> firstUserMessageOnly() {
        return history -> {
            List<Message> kept = new ArrayList<>(1);
            history.stream().filter(m -> m instanceof UserMessage).findFirst().ifPresent(kept::add);
            return kept;
        };
    }

    /** The agent the conversation goes to. */
    public Agent target() {
        return target;
    }

    /** The history the target sees, from the run's transcript up to and including this call's result. */
    List<Message> filter(List<Message> history) {
        List<Message> kept = filter.apply(List.copyOf(history));
        if (kept == null || kept.isEmpty()) {
            throw new ConfigurationException("the history filter of handoff '" + spec.name()
                    + "' returned no messages; it must keep at least one");
        }
        return kept;
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public ToolResult call(ToolCall call, ToolContext context) {
        return ToolResult.success("Transferred to " + target.name() + ".");
    }

    /** Builds a {@link Handoff}. Not thread-safe. */
    public static final class Builder {
        private final Agent target;
        private String name;
        private String description;
        private UnaryOperator<List<Message>> filter = UnaryOperator.identity();

        private Builder(Agent target) {
            this.target = Objects.requireNonNull(target, "target");
        }

        /** The tool's name; defaults to {@code transfer_to_<target name>}. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** When the model should hand off, appended to the tool's description. */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /** What history the target sees; the whole transcript by default. */
        public Builder filter(UnaryOperator<List<Message>> filter) {
            this.filter = Objects.requireNonNull(filter, "filter");
            return this;
        }

        public Handoff build() {
            return new Handoff(this);
        }
    }
}
