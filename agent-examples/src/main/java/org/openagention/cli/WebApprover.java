// SPDX-License-Identifier: Apache-2.0
package org.openagention.cli;

import java.time.Clock;
import java.util.UUID;
import org.openagention.tools.Approver;

/**
 * {@code run --web-approvals}: the calls the approval policy asks about wait for a decision made
 * in {@code openagention serve} on the same journal directory (through {@link ApprovalFiles}),
 * however long it takes; an interrupt (the run cancelled or timed out) withdraws the question and
 * denies. Thread-safe: parallel workers each wait for their own decision.
 */
final class WebApprover implements Approver {
    private static final long POLL_MILLIS = 200;

    private final ApprovalFiles files;
    private final Clock clock;

    WebApprover(ApprovalFiles files, Clock clock) {
        this.files = files;
        this.clock = clock;
    }

    @Override
    public Answer decide(Request request) throws InterruptedException {
        String id = "a-" + UUID.randomUUID().toString().substring(0, 18);
        files.ask(new ApprovalFiles.Pending(id, request.runId(), request.turn(), request.call().name(),
                request.call().argumentsJson(), request.rule(), clock.instant().toString()));
        try {
            while (true) {
                var decision = files.decision(id);
                if (decision.isPresent()) {
                    boolean approved = decision.get().path("approved").asBoolean(false);
                    String reason = decision.get().path("reason").asText("");
                    return approved ? Answer.approve(reason.isEmpty() ? "approved in the web console" : reason)
                            : Answer.deny(reason.isEmpty() ? "denied in the web console" : reason);
                }
                Thread.sleep(POLL_MILLIS);
            }
        } finally {
            files.done(id);
        }
    }

    @Override
    public String name() {
        return "web console";
    }
}
