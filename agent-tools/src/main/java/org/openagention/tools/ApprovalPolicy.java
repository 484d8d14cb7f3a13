// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolInterceptor;

/**
 * Ordered rules that decide, for each tool call, whether it runs ({@link Decision#ALLOW}), waits
 * for a person ({@link Decision#ASK}) or is refused ({@link Decision#DENY}).
 *
 * <p>Every rule is checked against every call. When several match, deny beats ask and ask beats
 * allow, so adding an allow rule can never open what a deny rule closes; among rules with the
 * winning decision the first one added is the one reported. A call no rule matches gets the
 * default decision, {@link Decision#ASK} unless set otherwise: fail safe, not fail open.
 *
 * <p>Applied as a {@link ToolInterceptor} ({@link #asInterceptor}), so it judges the call that is
 * about to run, whatever the model wrote around it: a denied call never reaches the tool, and
 * the model gets a {@code DENIED} error result that says why. Add it after any interceptor that
 * rewrites arguments, and before {@link Checkpoints} (no snapshot for a call that will not run).
 *
 * <p>Presets:
 *
 * <ul>
 *   <li>{@link #readOnly()}: read-only tools allowed, every other tool denied;
 *   <li>{@link #workspaceWrite()}: read-only tools and the file-editing tools ({@code write_file},
 *       {@code edit_file}, {@code apply_patch}, {@code todo_write}, confined to the workspace by
 *       {@link Workspace}) allowed; {@code shell} asked about; shell commands that are never
 *       right for an agent in a workspace ({@code sudo}, {@code rm -rf} of {@code /} or the home
 *       directory, {@code git push}, a download piped into a shell, {@code mkfs}, raw writes to
 *       devices, fork bombs) denied outright; every other tool (MCP tools, your own) falls to
 *       the default, ask;
 *   <li>{@link #fullAccess()}: everything allowed.
 * </ul>
 *
 * <pre>{@code
 * ApprovalPolicy policy = ApprovalPolicy.workspaceWrite().toBuilder()
 *         .allow(ApprovalRule.tool("shell").whereArg("command", "^(mvn|gradle) "))   // still asked: ask beats allow
 *         .deny(ApprovalRule.tool("shell").whereArg("command", "\\bnpm publish\\b").label("no publishing"))
 *         .build();
 * Agent agent = Agent.builder().model(model).tools(tools)
 *         .addToolInterceptor(policy.asInterceptor(Approver.nobody()))
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ApprovalPolicy {
    /** What happens to a call. */
    public enum Decision {
        /** It runs. */
        ALLOW,
        /** An {@link Approver} decides. */
        ASK,
        /** It is refused; the model is told why. */
        DENY
    }

    /**
     * The policy's decision on one call.
     *
     * @param rule the label of the rule that decided, or {@code "default"} when none matched
     */
    public record Verdict(Decision decision, String rule) {
        public Verdict {
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(rule, "rule");
        }
    }

    private record Entry(Decision decision, ApprovalRule rule) {}

    private static final String SHELL_NEVER = String.join("|",
            "\\bsudo\\b",
            "\\brm\\s+(-[A-Za-z-]+\\s+)*(/|~|\\$HOME)(/?\\*?)(\\s|;|&|$)",
            "\\bgit\\s+push\\b",
            "\\b(curl|wget)\\b[^|;&]*\\|\\s*(sudo\\s+)?(ba|z|da)?sh\\b",
            "\\bmkfs(\\.\\w+)?\\b",
            "\\bdd\\b[^;&|]*\\bof=/dev/",
            ">\\s*/dev/(sd|nvme|hd)",
            ":\\(\\)\\s*\\{\\s*:\\|:&\\s*\\}");

    private final List<Entry> rules;
    private final Decision defaultDecision;

    private ApprovalPolicy(Builder b) {
        this.rules = List.copyOf(b.rules);
        this.defaultDecision = b.defaultDecision;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.rules.addAll(rules);
        b.defaultDecision = defaultDecision;
        return b;
    }

    /** Read-only tools allowed; everything else denied. */
    public static ApprovalPolicy readOnly() {
        return builder().allow(ApprovalRule.readOnlyTools())
                .deny(ApprovalRule.mutatingTools().label("read-only policy: no tool that changes anything")).build();
    }

    /** Reads and file edits allowed, {@code shell} asked about, a few shell commands denied; see the class doc. */
    public static ApprovalPolicy workspaceWrite() {
        return builder()
                .allow(ApprovalRule.readOnlyTools())
                .allow(ApprovalRule.tool("{write_file,edit_file,apply_patch,todo_write}").label("file edits in the workspace"))
                .ask(ApprovalRule.tool("shell").label("shell commands need approval"))
                .deny(ApprovalRule.tool("shell").whereArg("command", SHELL_NEVER)
                        .label("a shell command an agent must not run (privilege, deleting / or ~, pushing,"
                                + " piping downloads into a shell, raw disk writes)"))
                .build();
    }

    /** Everything allowed. */
    public static ApprovalPolicy fullAccess() {
        return builder().allow(ApprovalRule.anyTool().label("full access")).build();
    }

    /** The decision on a call of {@code tool}. */
    public Verdict decide(Tool tool, ToolCall call) {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(call, "call");
        Entry allow = null;
        Entry ask = null;
        for (Entry e : rules) {
            if (!e.rule().matches(tool, call)) {
                continue;
            }
            switch (e.decision()) {
                case DENY -> {
                    return new Verdict(Decision.DENY, e.rule().label());
                }
                case ASK -> ask = ask == null ? e : ask;
                case ALLOW -> allow = allow == null ? e : allow;
            }
        }
        Entry winner = ask != null ? ask : allow;
        return winner == null ? new Verdict(defaultDecision, "default") : new Verdict(winner.decision(),
                winner.rule().label());
    }

    /** The policy as a tool interceptor, with {@code approver} deciding what the policy asks about. */
    public ToolInterceptor asInterceptor(Approver approver) {
        return asInterceptor(approver, Clock.systemUTC());
    }

    /** As {@link #asInterceptor(Approver)}, with the clock that stamps the published decisions. */
    public ToolInterceptor asInterceptor(Approver approver, Clock clock) {
        return new ApprovalInterceptor(this, Objects.requireNonNull(approver, "approver"),
                Objects.requireNonNull(clock, "clock"));
    }

    /** The default decision. */
    public Decision defaultDecision() {
        return defaultDecision;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("ApprovalPolicy[");
        for (Entry e : rules) {
            b.append(e.decision()).append(' ').append(e.rule().label()).append("; ");
        }
        return b.append("default ").append(defaultDecision).append(']').toString();
    }

    /** Builds a policy; rules keep the order they were added in. Not thread-safe. */
    public static final class Builder {
        private final List<Entry> rules = new ArrayList<>();
        private Decision defaultDecision = Decision.ASK;

        private Builder() {}

        public Builder allow(ApprovalRule rule) {
            return add(Decision.ALLOW, rule);
        }

        public Builder ask(ApprovalRule rule) {
            return add(Decision.ASK, rule);
        }

        public Builder deny(ApprovalRule rule) {
            return add(Decision.DENY, rule);
        }

        /** Adds a rule with its decision. */
        public Builder add(Decision decision, ApprovalRule rule) {
            rules.add(new Entry(Objects.requireNonNull(decision, "decision"), Objects.requireNonNull(rule, "rule")));
            return this;
        }

        /** The decision for calls no rule matches ({@link Decision#ASK} unless set). */
        public Builder defaultDecision(Decision decision) {
            this.defaultDecision = Objects.requireNonNull(decision, "decision");
            return this;
        }

        public ApprovalPolicy build() {
            return new ApprovalPolicy(this);
        }
    }
}
