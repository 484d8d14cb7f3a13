// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools;

import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolCall;
import org.openagention.tools.internal.ArgumentsJson;
import org.openagention.tools.internal.ToolNamePattern;

/**
 * Which tool calls a rule of an {@link ApprovalPolicy} applies to: a test on the tool (its name by
 * glob or regular expression, or whether it only reads) and, optionally, tests on the arguments.
 * Whether matching calls are allowed, asked about or denied is said when the rule is added to a
 * policy.
 *
 * <pre>{@code
 * ApprovalRule.tool("shell").whereArg("command", "^git (status|diff|log)\\b")
 * ApprovalRule.tool("mcp_github_*")
 * ApprovalRule.toolRegex("write_file|edit_file").whereArg("path", "^src/")
 * ApprovalRule.mutatingTools().label("anything that changes state")
 * }</pre>
 *
 * <p>Immutable and thread-safe; each method returns a new rule. A rule's argument tests see the
 * arguments JSON exactly as the call that is about to run carries it.
 */
public final class ApprovalRule {
    /** Tests the tool and the call together. */
    @FunctionalInterface
    interface Matcher {
        boolean matches(Tool tool, ToolCall call);
    }

    private final String label;
    private final Matcher matcher;

    private ApprovalRule(String label, Matcher matcher) {
        this.label = label;
        this.matcher = matcher;
    }

    /** Calls of tools whose name matches {@code glob} ({@code *}, {@code ?}, {@code {a,b}}). */
    public static ApprovalRule tool(String glob) {
        Pattern p = ToolNamePattern.glob(Objects.requireNonNull(glob, "glob"));
        return new ApprovalRule("tool " + glob, (tool, call) -> p.matcher(call.name()).matches());
    }

    /** Calls of tools whose whole name matches the regular expression {@code regex}. */
    public static ApprovalRule toolRegex(String regex) {
        Pattern p = Pattern.compile(Objects.requireNonNull(regex, "regex"));
        return new ApprovalRule("tool /" + regex + "/", (tool, call) -> p.matcher(call.name()).matches());
    }

    /** Every call. */
    public static ApprovalRule anyTool() {
        return new ApprovalRule("any tool", (tool, call) -> true);
    }

    /** Calls of tools that declare they only read ({@link Tool#readOnly()}). */
    public static ApprovalRule readOnlyTools() {
        return new ApprovalRule("read-only tools", (tool, call) -> tool.readOnly());
    }

    /** Calls of tools that may change something (not {@link Tool#readOnly()}). */
    public static ApprovalRule mutatingTools() {
        return new ApprovalRule("mutating tools", (tool, call) -> !tool.readOnly());
    }

    /** This rule, narrowed to calls whose arguments JSON passes {@code test}. */
    public ApprovalRule whereArgs(String description, Predicate<String> test) {
        Objects.requireNonNull(test, "test");
        return new ApprovalRule(label + " where " + description,
                (tool, call) -> matcher.matches(tool, call) && test.test(call.argumentsJson()));
    }

    /**
     * This rule, narrowed to calls whose argument {@code name} (a top-level field, or a JSON
     * Pointer such as {@code /options/mode}) contains a match of {@code regex}. A string argument
     * is matched as its text, any other value as its JSON; a call without the argument does not
     * match. Anchor the expression ({@code ^...$}) to match the whole value.
     */
    public ApprovalRule whereArg(String name, String regex) {
        Pattern p = Pattern.compile(Objects.requireNonNull(regex, "regex"));
        return new ApprovalRule(label + " where " + name + " ~ /" + regex + "/", (tool, call) -> matcher.matches(tool,
                call) && ArgumentsJson.value(call.argumentsJson(), name).map(v -> p.matcher(v).find()).orElse(false));
    }

    /** This rule, narrowed to calls whose argument {@code name} is absent or contains no match of {@code regex}. */
    public ApprovalRule unlessArg(String name, String regex) {
        Pattern p = Pattern.compile(Objects.requireNonNull(regex, "regex"));
        return new ApprovalRule(label + " unless " + name + " ~ /" + regex + "/", (tool, call) -> matcher.matches(tool,
                call) && !ArgumentsJson.value(call.argumentsJson(), name).map(v -> p.matcher(v).find()).orElse(false));
    }

    /** This rule with another label (shown in decisions and denials). */
    public ApprovalRule label(String label) {
        return new ApprovalRule(Objects.requireNonNull(label, "label"), matcher);
    }

    /** The label: given, or made from the tests ("tool shell where command ~ /sudo/"). */
    public String label() {
        return label;
    }

    /** Whether the call of {@code tool} falls under this rule. */
    public boolean matches(Tool tool, ToolCall call) {
        return matcher.matches(tool, call);
    }

    @Override
    public String toString() {
        return "ApprovalRule[" + label + "]";
    }
}
