// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.internal;

import org.openagention.core.RunResult;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.ToolResultMessage;

/**
 * A checkpoint summary of an attempt from its transcript: the tool calls it made (and which
 * failed) and its last answer. Lossy on purpose: it is what a next worker needs to pick the work
 * up, not a replay.
 */
final class Checkpoints {
    private static final int MAX_ARGS = 200;
    private static final int MAX_TEXT = 2_000;

    private Checkpoints() {}

    static String summarize(RunResult run) {
        StringBuilder sb = new StringBuilder();
        sb.append("The attempt ran ").append(run.turns()).append(run.turns() == 1 ? " turn" : " turns")
                .append(" and ended: ").append(run.stopReason().name().toLowerCase())
                .append(run.detail().isEmpty() ? "" : " (" + run.detail() + ")").append(".\n");
        int calls = 0;
        for (Message m : run.transcript()) {
            if (m instanceof AssistantMessage a) {
                for (Content.ToolUse use : a.toolUses()) {
                    calls++;
                    sb.append("- called ").append(use.name()).append(' ').append(cut(use.argumentsJson(), MAX_ARGS))
                            .append('\n');
                }
            } else if (m instanceof ToolResultMessage r) {
                for (Content c : r.content()) {
                    if (c instanceof Content.ToolOutput out && out.result().isError()) {
                        sb.append("  (that call failed: ").append(cut(out.result().text(), MAX_ARGS)).append(")\n");
                    }
                }
            }
        }
        if (calls == 0) {
            sb.append("It made no tool calls.\n");
        }
        if (!run.finalText().isBlank()) {
            sb.append("Its last answer:\n").append(cut(run.finalText(), MAX_TEXT)).append('\n');
        }
        return sb.toString();
    }

    private static String cut(String s, int max) {
        String one = s.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max) + "...";
    }
}
