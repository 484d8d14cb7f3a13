// SPDX-License-Identifier: Apache-2.0
package org.openagention.tools.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.openagention.tools.process.Command;
import org.openagention.tools.process.CommandResult;

/**
 * Runs one hook's command with the event on standard input and reads its answer the way Claude
 * Code does: exit 0 is success (standard output may be JSON with a decision), exit 2 blocks with
 * standard error as the reason, anything else (and a timeout) is a failure that is reported and
 * does not block.
 */
final class HookRunner {
    static final ObjectMapper JSON = new ObjectMapper();

    private HookRunner() {}

    /** What a hook answered. */
    enum Kind {
        /** It ran and does not object; it may add context or change a tool's input. */
        OK,
        /** It blocks the action, with {@code reason} for the model. */
        BLOCK,
        /** It could not say: it failed, timed out, or printed nonsense; the action goes on. */
        FAILED
    }

    /**
     * @param context text to add for the model (additional context, or a prompt hook's output); empty for none
     * @param updatedInput the tool arguments the hook wants instead, as JSON; null when unchanged
     */
    record Verdict(Hook hook, Kind kind, String reason, String context, String updatedInput) {
        static Verdict failed(Hook hook, String why) {
            return new Verdict(hook, Kind.FAILED, why, "", null);
        }

        String describe() {
            return hook.event().settingsName() + " hook `" + hook.command() + "`";
        }
    }

    static Verdict run(Hook hook, Path workspace, ObjectNode input, BooleanSupplier cancelled) {
        CommandResult r;
        try {
            r = Command.builder("sh", "-c", hook.command()).directory(workspace).timeout(hook.timeout())
                    .input(input.toString()).mergeErrors(false)
                    .putEnv("OPENAGENTION_PROJECT_DIR", workspace.toString())
                    .putEnv("CLAUDE_PROJECT_DIR", workspace.toString())
                    .build().run(cancelled);
        } catch (IOException e) {
            return Verdict.failed(hook, "could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verdict.failed(hook, "interrupted (the run was cancelled); its process tree was killed");
        }
        if (r.ending() == CommandResult.Ending.TIMED_OUT) {
            return Verdict.failed(hook, "ran past its timeout of " + hook.timeout().toMillis() / 1000.0
                    + " s and was killed with its process tree");
        }
        if (r.ending() == CommandResult.Ending.CANCELLED) {
            return Verdict.failed(hook, "was cancelled with the run; its process tree was killed");
        }
        if (r.exitCode() == 2) {
            String reason = r.errors().strip();
            return new Verdict(hook, Kind.BLOCK, reason.isEmpty() ? "(the hook gave no reason)" : reason, "", null);
        }
        if (r.exitCode() != 0) {
            String err = r.errors().strip();
            return Verdict.failed(hook, "exited with status " + r.exitCode() + (err.isEmpty() ? "" : ": " + err));
        }
        return readOutput(hook, r.output().strip());
    }

    private static Verdict readOutput(Hook hook, String out) {
        boolean promptEvent = hook.event() == HookEvent.USER_PROMPT_SUBMIT || hook.event() == HookEvent.SESSION_START;
        if (!out.startsWith("{")) {
            // Plain output is context for the model only where Claude Code makes it so.
            return new Verdict(hook, Kind.OK, "", promptEvent ? out : "", null);
        }
        JsonNode json;
        try {
            json = JSON.readTree(out);
        } catch (JsonProcessingException e) {
            return Verdict.failed(hook, "printed output that starts like JSON but is not: " + e.getOriginalMessage());
        }
        JsonNode specific = json.path("hookSpecificOutput");
        String context = specific.path("additionalContext").asText("");
        String reason = json.path("reason").asText("");
        if (json.path("continue").isBoolean() && !json.path("continue").asBoolean()) {
            return new Verdict(hook, Kind.BLOCK, json.path("stopReason").asText(reason), context, null);
        }
        String permission = specific.path("permissionDecision").asText("");
        if (permission.equals("deny")) {
            return new Verdict(hook, Kind.BLOCK, specific.path("permissionDecisionReason").asText(reason), context, null);
        }
        if (json.path("decision").asText("").equals("block")) {
            return new Verdict(hook, Kind.BLOCK, reason, context, null);
        }
        JsonNode updated = specific.path("updatedInput");
        return new Verdict(hook, Kind.OK, "", context, updated.isObject() ? updated.toString() : null);
    }
}
