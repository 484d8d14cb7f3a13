// SPDX-License-Identifier: Apache-2.0
package org.openagention.temporal.internal;

import io.temporal.activity.Activity;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import org.openagention.core.Agent;
import org.openagention.core.journal.Step;
import org.openagention.core.journal.StepCodec;
import org.openagention.core.model.ModelException;

/**
 * Runs a workflow's model and tool steps on the worker: looks the agent up by name, rebuilds the
 * step from its JSON and runs it with {@link Agent#runStep}, heartbeating while it runs.
 *
 * <p>Heartbeats come from a ticker, every third of the heartbeat timeout, as long as the step's
 * thread is alive: they tell Temporal the worker still holds the step (a killed worker stops them,
 * and the attempt is retried elsewhere after the heartbeat timeout) and they are how a cancellation
 * reaches the step: the ticker's heartbeat fails, the step's {@code isCancelled()} turns true and
 * its thread is interrupted. A stalled model stream is caught by the provider's idle timeout, not
 * by the heartbeat.
 */
public final class StepActivitiesImpl implements StepActivities {
    /** The error type of a model call that failed (its message is the failure's). */
    public static final String MODEL_FAILED = "ModelCallFailed";

    private final AgentRegistry agents;
    private final HostClones clones;

    /** Steps of the registered agents; {@code clones} (null on a worker that holds no workspaces) serves task tools. */
    public StepActivitiesImpl(AgentRegistry agents, HostClones clones) {
        this.agents = agents;
        this.clones = clones;
    }

    @Override
    public String model(String agentName, String stepJson) {
        return run(agentName, stepJson);
    }

    @Override
    public String tool(String agentName, String stepJson) {
        return run(agentName, stepJson);
    }

    @Override
    public String taskTool(String agentName, String workspace, String stepJson) {
        if (clones == null) {
            throw ApplicationFailure.newNonRetryableFailure("this worker holds no task workspaces", "NoWorkspaces");
        }
        Agent agent = agents.get(agentName).agentIn(clones.clone(workspace));
        Step<?> step = Step.fromJson(stepJson);
        String result = run(agent, step);
        if (step instanceof Step.ToolCall call && agent.tools().stream()
                .noneMatch(t -> t.spec().name().equals(call.call().name()) && t.readOnly())) {
            clones.push(workspace, call.id()); // what the call wrote is the task's last pushed state
        }
        return result;
    }

    private String run(String agentName, String stepJson) {
        return run(agents.get(agentName).agent(), Step.fromJson(stepJson));
    }

    private String run(Agent agent, Step<?> step) {
        ActivityHeartbeat heartbeat = new ActivityHeartbeat(Activity.getExecutionContext(), Thread.currentThread());
        try {
            String result = encode(step, agent.runStep(step, heartbeat::cancelled));
            heartbeat.acknowledgeCancel(); // a cancelled step reports its cancellation, not its result
            return result;
        } catch (ActivityCompletionException e) {
            throw e;
        } catch (ModelException e) {
            heartbeat.acknowledgeCancel();
            String message = e.getMessage();
            throw e.isRetryable() ? ApplicationFailure.newFailureWithCause(message, MODEL_FAILED, e)
                    : ApplicationFailure.newNonRetryableFailureWithCause(message, MODEL_FAILED, e);
        } catch (RuntimeException e) {
            heartbeat.acknowledgeCancel();
            throw e;
        } catch (Exception e) {
            heartbeat.acknowledgeCancel();
            throw Activity.wrap(e);
        } finally {
            heartbeat.stop();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> String encode(Step<T> step, Object result) {
        StepCodec<T> codec = step.codec();
        return codec.encode((T) result);
    }
}
