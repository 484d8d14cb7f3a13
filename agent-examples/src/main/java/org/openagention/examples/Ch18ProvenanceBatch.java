// SPDX-License-Identifier: Apache-2.0
package org.openagention.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openagention.core.Agent;
import org.openagention.core.Limits;
import org.openagention.core.RunOptions;
import org.openagention.core.journal.JournalStore;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.testing.FakeModel;
import org.openagention.orchestration.batch.BatchItemResult;
import org.openagention.orchestration.batch.BatchResult;
import org.openagention.orchestration.batch.BatchRunner;
import org.openagention.orchestration.batch.BatchTask;
import org.openagention.orchestration.provenance.ClaimCheck;
import org.openagention.orchestration.provenance.ProvenanceTracker;
import org.openagention.tools.CodingTools;
import org.openagention.tools.Workspace;

/**
 * Chapter 18, information provenance and batch processing: every claim of a report is tied to
 * the sources the agent actually saw, and a batch over many items keeps one item's failure from
 * touching the others.
 *
 * <p>Shows an audit report whose uncited claim (an SQL injection in a file the agent never read)
 * is flagged as a possible hallucination, a claim its source only partly backs marked inferred,
 * and a batch where one item throws and another runs out of turns while the rest succeed, then a
 * resume that re-runs only the failed items.
 */
public final class Ch18ProvenanceBatch {

    public static void main(String[] args) throws Exception {
        try (Example ex = Example.start(18, "information provenance and batch processing", args)) {
            Path repo = ex.tempDir();
            Files.createDirectories(repo.resolve("src"));
            Files.writeString(repo.resolve("src/UserDao.java"),
                    "String sql = \"SELECT * FROM users WHERE name = '\" + name + \"'\";  // string concatenation\n");
            Files.writeString(repo.resolve("src/Auth.java"), "boolean ok = BCrypt.checkpw(password, user.hash());\n");

            ex.step("An audit run: each tool result becomes a source the report must cite");
            ProvenanceTracker provenance = new ProvenanceTracker();
            FakeModel script = new FakeModel()
                    .enqueueToolCall("read_file", "{\"path\":\"src/UserDao.java\"}")
                    .enqueueToolCall("read_file", "{\"path\":\"src/Auth.java\"}")
                    .enqueueText("UserDao builds its SQL query by string concatenation of the user name [S2]. "
                            + "Auth checks passwords with BCrypt [S3]. "
                            + "The login flow is therefore fully protected against brute-force attacks [S3]. "
                            + "Database.java also has an SQL injection in its report query.");
            Agent auditor = Agent.builder().model(ex.model(script)).tools(CodingTools.readOnly(Workspace.local(repo)))
                    .instructions("You audit Java code for security problems.\n\n" + ProvenanceTracker.CITATION_INSTRUCTIONS)
                    .addToolInterceptor(provenance.interceptor()).addListener(provenance.listener()).build();
            String report = auditor.run("Audit src/ for SQL injection and password handling.").finalText();
            provenance.sources().forEach(s -> ex.say(s.id() + " " + s.kind() + " " + s.label()));

            ex.step("Each claim of the report checked against the sources it cites");
            for (ClaimCheck c : provenance.checkReport(report)) {
                ex.say(c.support() + ": " + c.text());
                ex.say("    " + c.reason());
            }
            ex.say("summary: " + provenance.summary());

            ex.step("A batch over five files, two at a time: one task throws, one run never finishes");
            List<String> files = List.of("A.java", "B.java", "corrupt.bin", "C.java", "Huge.java");
            JournalStore journal = JournalStore.file(ex.tempDir());
            BatchRunner batch = BatchRunner.builder().concurrency(2).journal(journal).build();
            BatchTask flaky = file -> {
                if (file.endsWith(".bin")) {
                    throw new IllegalArgumentException(file + " is not a text file");
                }
                FakeModel model = file.startsWith("Huge") ? endless() : new FakeModel().enqueueText("summary of " + file);
                return Agent.builder().model(model).addTool(CodingTools.readOnly(Workspace.local(repo)).get(0)).build()
                        .run("Summarise " + file, RunOptions.builder().limits(Limits.builder().maxTurns(3).build()).build());
            };
            BatchResult first = batch.run("summaries", files, flaky);
            describe(ex, first);

            ex.step("Resuming the batch: finished items are read back from the journal, only failures run again");
            BatchResult second = batch.run("summaries", files, file -> Agent.builder()
                    .model(new FakeModel().enqueueText("summary of " + file + " (second try)")).build()
                    .run("Summarise " + file));
            describe(ex, second);
        }
    }

    private static void describe(Example ex, BatchResult result) {
        for (BatchItemResult item : result.items()) {
            if (item instanceof BatchItemResult.Succeeded s) {
                ex.say(s.item() + ": ok, " + s.output() + (s.resumed() ? "  (from the journal)" : ""));
            } else if (item instanceof BatchItemResult.Failed f) {
                ex.say(f.item() + ": FAILED, " + Example.oneLine(f.error()));
            }
        }
        ex.say(result.summary());
    }

    /** A model that keeps reading files and never answers. */
    private static FakeModel endless() {
        return FakeModel.answering(request -> ModelResponse.builder()
                .addToolUse("call_" + request.messages().size(), "read_file",
                        "{\"path\":\"src/" + (request.messages().size() % 4 == 1 ? "Auth" : "UserDao") + ".java\"}")
                .finishReason(FinishReason.TOOL_USE).build());
    }
}
