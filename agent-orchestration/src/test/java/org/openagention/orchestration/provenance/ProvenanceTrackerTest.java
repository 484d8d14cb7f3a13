// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.RunResult;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

class ProvenanceTrackerTest {
    @TempDir
    Path dir;

    record PathArg(String path) {}

    record Query(String sql) {}

    private Tool readFile() {
        return Tool.readOnly("read_file", "Reads a file", PathArg.class, (a, c) -> {
            Path f = dir.resolve(a.path());
            return Files.exists(f) ? ToolResult.success(Files.readString(f)) : ToolResult.error("no such file: " + a.path());
        });
    }

    @Test
    void recordsWhatTheAgentSawAndFlagsTheUncitedClaim() throws Exception {
        Files.writeString(dir.resolve("UserDao.java"),
                "String q = \"SELECT * FROM users WHERE name = '\" + name + \"'\"; // string concatenation in a query");
        Files.writeString(dir.resolve("pom.xml"), "<dependency>junit 4.12</dependency>");
        Tool count = Tool.readOnly("count_users", "Counts rows", Query.class, (a, c) -> ToolResult.success("42 rows"));
        String report = """
                # Audit

                Findings:
                - UserDao builds its query by string concatenation of the user name [S2].
                - The users table holds 42 rows. [S4]
                - The build depends on junit 4.12 [S3].
                - database.ts has an SQL injection in its login handler.
                - The project is written in Kotlin [S99].
                """;
        FakeModel model = new FakeModel()
                .enqueueToolCall("read_file", "{\"path\":\"UserDao.java\"}")
                .enqueueToolCall("read_file", "{\"path\":\"pom.xml\"}")
                .enqueueToolCall("read_file", "{\"path\":\"missing.txt\"}")
                .enqueueToolCall("count_users", "{\"sql\":\"select count(*) from users\"}")
                .enqueueText(report);
        ProvenanceTracker provenance = new ProvenanceTracker();
        Agent agent = Agent.builder().model(model).addTool(readFile()).addTool(count)
                .instructions(ProvenanceTracker.CITATION_INSTRUCTIONS).addListener(provenance.listener()).build();

        RunResult result = agent.run("Audit the DAO for SQL injection");
        List<ClaimCheck> checks = provenance.checkReport(result.finalText());

        assertThat(provenance.sources()).extracting(Source::id, Source::kind, Source::label).containsExactly(
                org.assertj.core.groups.Tuple.tuple("S1", SourceKind.USER_INPUT, "user"),
                org.assertj.core.groups.Tuple.tuple("S2", SourceKind.FILE_READ, "UserDao.java"),
                org.assertj.core.groups.Tuple.tuple("S3", SourceKind.FILE_READ, "pom.xml"),
                org.assertj.core.groups.Tuple.tuple("S4", SourceKind.TOOL_RESULT,
                        "count_users {\"sql\":\"select count(*) from users\"}"));
        assertThat(checks).extracting(ClaimCheck::text, ClaimCheck::support).containsExactly(
                org.assertj.core.groups.Tuple.tuple("UserDao builds its query by string concatenation of the user name.",
                        Support.SUPPORTED),
                org.assertj.core.groups.Tuple.tuple("The users table holds 42 rows.", Support.INFERRED),
                org.assertj.core.groups.Tuple.tuple("The build depends on junit 4.12.", Support.SUPPORTED),
                org.assertj.core.groups.Tuple.tuple("database.ts has an SQL injection in its login handler.",
                        Support.UNSUPPORTED),
                org.assertj.core.groups.Tuple.tuple("The project is written in Kotlin.", Support.UNSUPPORTED));
        assertThat(checks.get(3).reason()).isEqualTo("cites no source");
        assertThat(checks.get(4).reason()).isEqualTo("cites S99, which does not exist");
        assertThat(provenance.unsupported()).extracting(ClaimCheck::id).containsExactly("C4", "C5");
        ProvenanceSummary summary = provenance.summary();
        assertThat(summary.toString()).startsWith("4 sources; 5 claims: 2 supported, 1 inferred, 2 unsupported")
                .contains("UNSUPPORTED C4: database.ts has an SQL injection in its login handler. (cites no source)");
    }

    @Test
    void interceptorTagsEachResultWithTheIdItWasRecordedUnder() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "alpha");
        Files.writeString(dir.resolve("b.txt"), "beta");
        FakeModel model = new FakeModel()
                .enqueueToolCalls("read_file", "{\"path\":\"a.txt\"}", "read_file", "{\"path\":\"b.txt\"}")
                .enqueueText("done");
        ProvenanceTracker provenance = new ProvenanceTracker();
        Agent agent = Agent.builder().model(model).addTool(readFile()).addToolInterceptor(provenance.interceptor())
                .addListener(provenance.listener()).build();

        agent.run("read both");

        model.takeRequest();
        var outputs = ((org.openagention.core.message.ToolResultMessage) model.takeRequest().messages().get(2)).outputs();
        assertThat(provenance.sources()).hasSize(3);
        for (var out : outputs) {
            String text = out.result().text();
            String id = text.substring(text.lastIndexOf("[source: ") + 9, text.length() - 1);
            assertThat(provenance.source(id)).get().satisfies(s -> {
                assertThat(s.kind()).isEqualTo(SourceKind.FILE_READ);
                assertThat(text).startsWith(s.content() + "\n");
            });
        }
    }

    @Test
    void partlyValidCitationsAreInferred() {
        ProvenanceTracker provenance = new ProvenanceTracker();
        Source s = provenance.recordFileRead("README.md", "The service listens on port 8080 over plain HTTP.");

        ClaimCheck check = provenance.claim("The service listens on port 8080.", List.of(s.id(), "S7"));

        assertThat(check.support()).isEqualTo(Support.INFERRED);
        assertThat(check.reason()).contains("S7 cited but not recorded");
    }

    @Test
    void citedSourceWithoutTheClaimsTermsIsInferred() {
        ProvenanceTracker provenance = new ProvenanceTracker();
        Source s = provenance.recordUserInput("Please look at the payment module.");

        ClaimCheck check = provenance.claim("Refunds are processed twice when the network times out [S1].",
                List.of(s.id()));

        assertThat(check.support()).isEqualTo(Support.INFERRED);
        assertThat(check.reason()).startsWith("0 of ");
    }

    @Test
    void citationsMayStandAfterTheSentenceOrBeGrouped() {
        ProvenanceTracker provenance = new ProvenanceTracker();
        provenance.recordToolResult("shell", "{\"cmd\":\"mvn test\"}", "Tests run: 12, Failures: 1");
        provenance.recordFileRead("Calc.java", "int add(int a, int b) { return a - b; }");

        List<ClaimCheck> checks = provenance.checkReport("One of the 12 tests fails. [S1] Calc.add subtracts instead"
                + " of adding [S1, S2].");

        assertThat(checks).extracting(ClaimCheck::sourceIds).containsExactly(List.of("S1"), List.of("S1", "S2"));
        assertThat(checks).extracting(ClaimCheck::support).containsExactly(Support.SUPPORTED, Support.INFERRED);
        assertThat(checks.get(1).reason()).startsWith("1 of 5 key terms found in the cited sources (add)");
    }
}
