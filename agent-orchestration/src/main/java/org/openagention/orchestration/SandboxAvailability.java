package org.openagention.orchestration;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether tasks in the {@link Lane#SANDBOXED} lane can run on this machine: the hook through which
 * the {@link Orchestrator} learns about the sandbox its workers' shell runs under. Before it starts
 * a sandboxed task the orchestrator asks; when the answer is a reason, the task fails to start
 * ({@link FailureKind#LANE_UNAVAILABLE}, never retried) with that reason, and never runs unconfined.
 *
 * <p>The sandbox itself belongs to the workers' tools: a {@link WorkerFactory} sees
 * {@link Task#lane()} and gives a sandboxed task a shell that runs under it. Anything with an
 * {@code Optional<String> unavailableReason()} method plugs in as a method reference, such as the
 * bubblewrap sandbox of agent-tools' shell tool:
 *
 * <pre>{@code
 * Orchestrator.builder()
 *         .sandbox(Sandbox.bubblewrap()::unavailableReason)
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
     * No sandbox configured (the orchestrator's default): every sandboxed task fails to start and
     * says how to configure one.
     */
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
