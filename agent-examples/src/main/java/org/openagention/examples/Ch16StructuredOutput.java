// SPDX-License-Identifier: Apache-2.0
package org.openagention.examples;

import java.util.List;
import java.util.Optional;
import org.openagention.core.Agent;
import org.openagention.core.OutputSpec;
import org.openagention.core.StructuredOutputException;
import org.openagention.core.TypedResult;
import org.openagention.core.message.Message;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Description;

/**
 * Chapter 16, structured output and schema design: ask for a typed answer, a Java record whose
 * JSON Schema is sent to the model, and get back a validated instance, not free text to parse.
 *
 * <p>Shows free text refused, a JSON answer with several field errors (a severity outside the
 * enum, a missing file path, a wrong type) reported back to the model all at once, the corrected
 * answer bound to the record, and empty answers exhausting the attempts with every error kept.
 */
public final class Ch16StructuredOutput {
    enum Severity { HIGH, MEDIUM, LOW }

    enum Recommendation { APPROVE, REQUEST_CHANGES }

    record ReviewFinding(Severity severity,
            @Description("Path of the file, relative to the repository root") String filePath,
            @Description("1-based line, when the finding is about one line") Optional<Integer> lineNumber,
            String description,
            Optional<String> suggestedFix) {}

    record ReviewReport(List<ReviewFinding> findings, Recommendation recommendation) {}

    public static void main(String[] args) {
        try (Example ex = Example.start(16, "structured output and schema design", args)) {
            OutputSpec<ReviewReport> spec = OutputSpec.of(ReviewReport.class);

            ex.step("The schema generated from the record (sent to the model with the request)");
            ex.say(spec.schemaName() + ": " + spec.schemaJson());

            ex.step("Free text, then JSON with three field errors, then a valid report");
            FakeModel script = new FakeModel()
                    .enqueueText("Looks fine overall, but the query in UserDao is built by string concatenation.")
                    .enqueueText("{\"findings\":[{\"severity\":\"urgent\",\"lineNumber\":\"forty-two\","
                            + "\"description\":\"SQL built by concatenation\"}],\"recommendation\":\"REQUEST_CHANGES\"}")
                    .enqueueText("{\"findings\":[{\"severity\":\"HIGH\",\"filePath\":\"src/UserDao.java\",\"lineNumber\":42,"
                            + "\"description\":\"SQL built by string concatenation: injection risk\","
                            + "\"suggestedFix\":\"Use a PreparedStatement with parameters\"}],"
                            + "\"recommendation\":\"REQUEST_CHANGES\"}");
            Agent reviewer = Agent.builder().name("reviewer").model(ex.model(script))
                    .instructions("You review Java code for security problems.").build();
            TypedResult<ReviewReport> typed = reviewer.run("Review src/UserDao.java.", spec);
            ReviewReport report = typed.value();
            if (!ex.live()) {
                List<Message> sent = script.requests().get(2).messages();
                ex.say("what the model was told after attempt 1: " + Example.oneLine(sent.get(2).text()));
                ex.say("and after attempt 2 (every error at once):\n" + sent.get(4).text());
            }
            ex.say("typed result: " + report.recommendation() + ", " + report.findings().size() + " finding(s), after "
                    + typed.attempts() + " attempts in run " + typed.run().runId() + " (" + typed.run().usage().totalTokens()
                    + " tokens)");
            for (ReviewFinding f : report.findings()) {
                ex.say("  " + f.severity() + " " + f.filePath() + f.lineNumber().map(n -> ":" + n).orElse("") + " "
                        + f.description() + f.suggestedFix().map(s -> " -> fix: " + s).orElse(""));
            }

            ex.step("Empty answers: refused, and after the last attempt the caller gets every attempt's errors");
            FakeModel silent = new FakeModel().enqueueText("").enqueueText("   ");
            try {
                reviewer.toBuilder().model(silent).build().run("Review src/UserDao.java.", spec.withMaxAttempts(2));
            } catch (StructuredOutputException e) {
                ex.refused("the answers", e);
                e.attempts().forEach(a -> ex.say("  attempt " + a.number() + ": " + a.errors()));
            }
        }
    }
}
