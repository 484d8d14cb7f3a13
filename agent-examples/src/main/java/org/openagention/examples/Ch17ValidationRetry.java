// SPDX-License-Identifier: Apache-2.0
package org.openagention.examples;

import java.util.ArrayList;
import java.util.List;
import org.openagention.core.Agent;
import org.openagention.core.OutputSpec;
import org.openagention.core.StructuredOutputException;
import org.openagention.core.message.Message;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.testing.FakeModel;

/**
 * Chapter 17, validation-retry and prompt calibration: a schema catches wrong types and values,
 * semantic validators catch answers that parse but make no sense, and every error goes back to
 * the model for another attempt, within a bound.
 *
 * <p>Shows a wrong type ("three" for 3) and a value outside the enum ("prod"), then replicas and a
 * port outside their ranges and a cross-field rule broken, each fed back until the answer is
 * valid; a few-shot example in the instructions; and malformed JSON exhausting the attempts.
 * Valid is not the same as right: validators only check what they are told to.
 */
public final class Ch17ValidationRetry {
    enum Environment { DEVELOPMENT, STAGING, PRODUCTION }

    record Deployment(String service, Environment environment, int replicas, int port) {}

    public static void main(String[] args) {
        try (Example ex = Example.start(17, "validation-retry and prompt calibration", args)) {
            OutputSpec<Deployment> spec = OutputSpec.of(Deployment.class)
                    .withValidator(d -> d.replicas() >= 1 && d.replicas() <= 10 ? List.of()
                            : List.of("replicas must be between 1 and 10, not " + d.replicas()))
                    .withValidator(d -> d.port() >= 1024 && d.port() <= 65535 ? List.of()
                            : List.of("port must be between 1024 and 65535 (unprivileged), not " + d.port()))
                    .withValidator(d -> d.environment() != Environment.PRODUCTION || d.replicas() >= 2 ? List.of()
                            : List.of("production needs at least 2 replicas for availability"))
                    .withMaxAttempts(4);
            String fewShot = "Example of a valid answer:\n"
                    + "{\"service\":\"web\",\"environment\":\"STAGING\",\"replicas\":2,\"port\":8080}";

            ex.step("Each invalid answer goes back with its errors; the fourth attempt is valid");
            FakeModel script = new FakeModel()
                    .enqueueText("{\"service\":\"billing\",\"environment\":\"prod\",\"replicas\":\"three\",\"port\":8443}")
                    .enqueueText("{\"service\":\"billing\",\"environment\":\"PRODUCTION\",\"replicas\":30,\"port\":443}")
                    .enqueueText("{\"service\":\"billing\",\"environment\":\"PRODUCTION\",\"replicas\":1,\"port\":8443}")
                    .enqueueText("{\"service\":\"billing\",\"environment\":\"PRODUCTION\",\"replicas\":3,\"port\":8443}");
            Agent planner = Agent.builder().name("deployer").model(ex.model(script))
                    .instructions("You write deployment settings as JSON.\n" + fewShot).build();
            Deployment d = planner.run("Deploy the billing service to production on port 8443 with 3 replicas.", spec)
                    .value();
            if (!ex.live()) {
                for (String feedback : feedback(script.requests())) {
                    ex.say(feedback);
                }
            }
            ex.say("valid: " + d);

            ex.step("Malformed JSON every time: the attempts run out and the caller sees each one");
            FakeModel broken = new FakeModel()
                    .enqueueText("{\"service\": \"billing\", \"replicas\": 3,")
                    .enqueueText("{service: billing}")
                    .enqueueText("Sure! Here is the config: {\"service\": \"billing\"");
            try {
                planner.toBuilder().model(broken).build().run("Deploy billing.", spec.withMaxAttempts(3));
            } catch (StructuredOutputException e) {
                ex.refused("the answers", e);
                e.attempts().forEach(a -> ex.say("  attempt " + a.number() + ": " + Example.oneLine(a.answer())
                        + "\n    " + Example.oneLine(String.join("; ", a.errors()))));
            }
        }
    }

    /** The error lists the model was sent between attempts (the user messages after the first). */
    private static List<String> feedback(List<ModelRequest> requests) {
        List<String> out = new ArrayList<>();
        List<Message> last = requests.get(requests.size() - 1).messages();
        for (int i = 2; i < last.size(); i += 2) {
            out.add("after attempt " + i / 2 + ":" + last.get(i).text().replace("Your answer is not valid:", "")
                    .replace("\nReply again with only a JSON object that fixes every error above.", ""));
        }
        return out;
    }
}
