// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.lanes;

import java.util.Objects;
import java.util.Optional;
import org.openagention.tools.shell.Sandbox;

/**
 * Whether tasks in the {@link org.openagention.orchestration.graph.Lane#SANDBOXED} lane can run on this machine: the hook through which
 * the {@link org.openagention.orchestration.Orchestrator} learns about the sandbox its workers' shell runs under. Before it starts
 * a sandboxed task the orchestrator asks; when the answer is a reason, the task fails to start
 * ({@link org.openagention.orchestration.graph.FailureKind#LANE_UNAVAILABLE}, never retried) with that reason, and never runs unconfined.
 *
 * <p>The sandbox itself belongs to the workers' tools: a {@link WorkerFactory} sees
 * {@link org.openagention.orchestration.graph.Task#lane()} and gives a sandboxed task a shell that runs under it, such as agent-tools'
 * {@code shell} with {@code ShellOptions.defaults().sandboxed(true)}, which runs under
 * {@link Sandbox bubblewrap}. The orchestrator's default is {@link #bubblewrap()}, the answer for
 * that sandbox; anything with an {@code Optional<String> unavailableReason()} method plugs in as
 * a method reference:
 *
 * <pre>{@code
 * Orchestrator.builder()
 *         .sandbox(SandboxAvailability.bubblewrap())      // the default
 *         ...
 * }</pre>
 *
 * Implementations must be thread-safe and quick (called on the supervisor thread for each
 * sandboxed task it starts); cache any probing.
 */
@FunctionalInterface
public interface SandboxAvailability {

    /** Why sandboxed tasks cannot run here; empty when they can. */
    Optional<String> unavailableReason();

    /**
     * Whether agent-tools' bubblewrap {@link Sandbox} can run on this machine (probed once per JVM,
     * when the first sandboxed task is about to start): the orchestrator's default.
     */
    static SandboxAvailability bubblewrap() {
        return () -> Sandbox.bubblewrap().unavailableReason();
    }

    /** No sandbox at all: every sandboxed task fails to start and says how to configure one. */
    static SandboxAvailability none() {
        return () -> Optional.of("no sandbox is configured for this orchestrator (configure one with"
                + " Orchestrator.builder().sandbox(...))");
    }

    /**
     * Sandboxed tasks may run: for callers whose workers confine their tools themselves and vouch
     * for it.
     */
    static SandboxAvailability available() {
        return Optional::empty;
    }

    /** Unavailable for {@code reason}. */
    static SandboxAvailability unavailable(String reason) {
        Objects.requireNonNull(reason, "reason");
        return () -> Optional.of(reason);
    }
}
