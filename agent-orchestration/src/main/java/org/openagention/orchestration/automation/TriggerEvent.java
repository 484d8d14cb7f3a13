// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.automation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Why a run started: a sentence for the agent and the details behind it (changed paths, new
 * commits).
 *
 * @param description what happened, such as {@code 3 files changed under /repo/src}
 * @param details one line per changed path or new commit; empty for a schedule or a manual run
 * @param at when the trigger fired
 */
public record TriggerEvent(String description, List<String> details, Instant at) {
    public TriggerEvent {
        Objects.requireNonNull(description, "description");
        details = List.copyOf(details);
        Objects.requireNonNull(at, "at");
    }

    /** This event and {@code later} as one (a trigger that fired again while a run was going). */
    TriggerEvent merge(TriggerEvent later) {
        List<String> all = new java.util.ArrayList<>(details);
        later.details.stream().filter(d -> !all.contains(d)).forEach(all::add);
        return new TriggerEvent(description + "; then " + later.description, all, later.at);
    }

    /** The text appended to the automation's input. */
    String toPrompt() {
        StringBuilder sb = new StringBuilder("Trigger: ").append(description);
        details.forEach(d -> sb.append("\n- ").append(d));
        return sb.toString();
    }
}
