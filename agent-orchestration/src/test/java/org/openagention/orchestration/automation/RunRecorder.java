// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.automation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects the runs an automation runner reports, for tests to wait on. */
final class RunRecorder implements AutomationListener {
    private final Map<String, BlockingQueue<AutomationRun>> finals = new ConcurrentHashMap<>();
    final List<AutomationRun> all = new CopyOnWriteArrayList<>();
    final List<String> problems = new CopyOnWriteArrayList<>();

    @Override
    public void onRunChanged(AutomationRun run) {
        all.add(run);
        if (run.status().isFinal()) {
            queue(run.automationId()).add(run);
        }
    }

    @Override
    public void onTriggerProblem(String automationId, String problem) {
        problems.add(automationId + ": " + problem);
    }

    private BlockingQueue<AutomationRun> queue(String id) {
        return finals.computeIfAbsent(id, k -> new LinkedBlockingQueue<>());
    }

    /** The next run of {@code automationId} to end; fails after 20 seconds. */
    AutomationRun nextFinished(String automationId) throws InterruptedException {
        AutomationRun run = queue(automationId).poll(20, TimeUnit.SECONDS);
        if (run == null) {
            throw new AssertionError("no run of " + automationId + " ended within 20 seconds; saw " + all);
        }
        return run;
    }

    /** Whether a finished run of {@code automationId} is waiting to be taken. */
    boolean hasFinished(String automationId) {
        return !queue(automationId).isEmpty();
    }
}
