// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.util.Locale;
import org.openagention.tools.ApprovalPolicy;
import org.openagention.tools.ApprovalRule;

/**
 * The {@code --approval} modes: which tool calls run, which wait for the person at the console,
 * and whether {@code shell} runs in the bubblewrap sandbox.
 */
public enum ApprovalMode {
    /** Reads allowed; every edit and command asked about. */
    ASK("ask"),
    /** Reads and file edits in the workspace allowed; shell commands asked about; dangerous ones denied. */
    WORKSPACE_WRITE("workspace-write"),
    /** Everything allowed. */
    FULL_ACCESS("full-access"),
    /** Like workspace-write, but shell commands run without asking, inside the sandbox (no network, writable workspace only). */
    SANDBOXED("sandboxed");

    private final String flag;

    ApprovalMode(String flag) {
        this.flag = flag;
    }

    /** The mode as {@code --approval} names it. */
    public String flag() {
        return flag;
    }

    /** The mode {@code text} names ({@code ask}, {@code workspace-write}...); an unknown name is refused. */
    public static ApprovalMode parse(String text) {
        for (ApprovalMode m : values()) {
            if (m.flag.equals(text.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown approval mode '" + text
                + "': use ask, workspace-write, full-access or sandboxed");
    }

    /** The approval policy of this mode. */
    public ApprovalPolicy policy() {
        switch (this) {
            case ASK:
                return ApprovalPolicy.builder().allow(ApprovalRule.readOnlyTools())
                        .ask(ApprovalRule.mutatingTools().label("--approval ask: every change is asked about")).build();
            case FULL_ACCESS:
                return ApprovalPolicy.fullAccess();
            case SANDBOXED:
                // The sandbox is what confines shell here (no network, nothing writable outside the
                // workspace), so shell runs without a question; tools the CLI does not know still ask.
                return ApprovalPolicy.builder().allow(ApprovalRule.readOnlyTools())
                        .allow(ApprovalRule.tool("{write_file,edit_file,apply_patch,todo_write,shell}")
                                .label("workspace edits and the sandboxed shell"))
                        .build();
            default:
                return ApprovalPolicy.workspaceWrite();
        }
    }

    /** Whether shell runs in the bubblewrap sandbox in this mode. */
    public boolean sandboxedShell() {
        return this == SANDBOXED;
    }

    @Override
    public String toString() {
        return flag;
    }
}
