// SPDX-License-Identifier: Apache-2.0
package org.openagention.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.core.context.Compaction;
import org.openagention.core.context.TokenCounter;
import org.openagention.core.context.TokenizerFamily;
import org.openagention.core.message.Message;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.Model;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;
import org.openagention.orchestration.batch.BatchItemResult;
import org.openagention.orchestration.batch.BatchResult;
import org.openagention.orchestration.provenance.ProvenanceSummary;
import org.openagention.tools.Checkpoint;

/**
 * The README's compaction, checkpoint, provenance and batch blocks compile as written and do what the text
 * around them says: each is taken from README.md (the ```java block after its marker), compiled
 * with the JDK's compiler against the test class path, and called with a {@link FakeModel}.
 */
class ReadmeRecipesTest {
    @TempDir
    Path tmp;

    /** Compiles the block after {@code <!-- marker -->} as {@code className} and returns its one static method. */
    private Method compile(String marker, String className) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = Pattern.compile("<!-- " + marker + " -->\\s*```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README.md has a ```java block after <!-- %s -->", marker).isTrue();
        Path src = Files.createDirectories(tmp.resolve("src-" + marker));
        Path classes = Files.createDirectories(tmp.resolve("classes-" + marker));
        Files.writeString(src.resolve(className + ".java"), m.group(1));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), src.resolve(className + ".java").toString());
        assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        Method method = List.of(loader.loadClass(className).getDeclaredMethods()).stream()
                .filter(x -> java.lang.reflect.Modifier.isStatic(x.getModifiers())).findFirst().orElseThrow();
        method.setAccessible(true);
        return method;
    }

    private static boolean firstTurn(ModelRequest r) {
        return r.messages().size() == 1;
    }

    private static String lastToolResult(ModelRequest r) {
        Message last = r.messages().get(r.messages().size() - 1);
        return ((ToolResultMessage) last).outputs().get(0).result().text();
    }

    @Test
    void theCheckpointsBlockRewindsTheAgentsEdit() throws Exception {
        Method tryAndUndo = compile("checkpoints", "Undo");
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(repo.resolve("README.md"), "# Hawk\n");
        FakeModel model = FakeModel.answering(r -> firstTurn(r)
                ? ModelResponse.builder().addToolUse("c0", "read_file", "{\"path\":\"README.md\"}")
                        .finishReason(FinishReason.TOOL_USE).usage(new Usage(20, 5)).build()
                : r.messages().size() == 3
                ? ModelResponse.builder().addToolUse("c1", "write_file", "{\"path\":\"README.md\",\"content\":\"# Falcon\\n\"}")
                        .finishReason(FinishReason.TOOL_USE).usage(new Usage(20, 5)).build()
                : ModelResponse.builder().addText("Renamed.").usage(new Usage(20, 5)).build());

        Checkpoint beforeRewind = (Checkpoint) tryAndUndo.invoke(null, model, repo, tmp.resolve("store"));

        assertThat(repo.resolve("README.md")).hasContent("# Hawk");
        assertThat(beforeRewind.label()).isNotEmpty();
        assertThat(model.requests()).hasSize(3);
    }

    @Test
    void theProvenanceBlockFindsTheUncitedSentence() throws Exception {
        Method audit = compile("provenance", "CitedAudit");
        Path repo = Files.createDirectories(tmp.resolve("service"));
        Files.writeString(repo.resolve("application.properties"), "datasource.url=jdbc:postgresql://db/orders\n");
        FakeModel model = FakeModel.answering(r -> {
            if (firstTurn(r)) {
                return ModelResponse.builder().addToolUse("c1", "read_file", "{\"path\":\"application.properties\"}")
                        .finishReason(FinishReason.TOOL_USE).usage(new Usage(20, 5)).build();
            }
            Matcher id = Pattern.compile("\\[source: (S\\d+)]").matcher(lastToolResult(r));
            assertThat(id.find()).as("the tool result is tagged with its source id").isTrue();
            return ModelResponse.builder().usage(new Usage(40, 20)).addText("The service uses a postgresql datasource"
                    + " for orders [" + id.group(1) + "]. It also caches sessions in Redis.").build();
        });

        ProvenanceSummary summary = (ProvenanceSummary) audit.invoke(null, model, repo);

        assertThat(summary.claims()).isEqualTo(2);
        assertThat(summary.supported()).isEqualTo(1);
        assertThat(summary.unsupported()).isEqualTo(1);
    }

    @Test
    void theBatchBlockIsolatesAFailureAndAResumeRunsOnlyIt() throws Exception {
        Method summarise = compile("batch", "Summaries");
        List<String> files = List.of("a.txt", "b.txt", "broken.txt", "d.txt");
        boolean[] healed = {false};
        FakeModel model = FakeModel.answering(r -> {
            String prompt = r.messages().get(0).text();
            if (prompt.contains("broken") && !healed[0]) {
                throw new IllegalStateException("disk hiccup");
            }
            return ModelResponse.builder().addText("One sentence about " + prompt.substring(10)).usage(new Usage(10, 5))
                    .build();
        });
        Path journals = tmp.resolve("batches");

        BatchResult first = (BatchResult) summarise.invoke(null, model, journals, files);
        assertThat(first.succeeded()).hasSize(3);
        assertThat(first.failed()).singleElement().extracting(BatchItemResult.Failed::item).isEqualTo("broken.txt");
        assertThat(first.summary()).startsWith("Completed 3/4 (1 failed): #2 broken.txt");

        healed[0] = true;
        int before = model.requests().size();
        BatchResult again = (BatchResult) summarise.invoke(null, model, journals, files);
        assertThat(again.allSucceeded()).isTrue();
        assertThat(again.succeeded()).filteredOn(BatchItemResult.Succeeded::resumed).hasSize(3);
        assertThat(model.requests().size() - before).as("only the failed item ran again").isEqualTo(1);
    }

    record Page(int number) {}

    @Test
    void theCompactionBlockKeepsALongSessionInsideASmallWindow() throws Exception {
        Method run = compile("compaction", "LongSession");
        int window = 3_000;
        FakeModel model = FakeModel.answering(r -> {
            long input = TokenCounter.estimating(TokenizerFamily.GENERIC).count(r);
            if (r.system().equals(Compaction.DEFAULT_SUMMARY_PROMPT)) {
                return ModelResponse.builder().addText("Pages read so far, all fine.").usage(new Usage(input, 10)).build();
            }
            Message last = r.messages().get(r.messages().size() - 1);
            int read = last instanceof ToolResultMessage t ? Integer.parseInt(t.outputs().get(0).toolUseId()) : 0;
            assertThat(input).as("a request inside the window").isLessThanOrEqualTo(window);
            return read == 12 ? ModelResponse.builder().addText("All 12 pages read.").usage(new Usage(input, 6)).build()
                    : ModelResponse.builder().addToolUse(String.valueOf(read + 1), "read_page", "{\"number\":" + (read + 1) + "}")
                            .finishReason(FinishReason.TOOL_USE).usage(new Usage(0, 8, input / 2, input - input / 2)).build();
        }).withContextWindow(window);
        Tool page = Tool.readOnly("read_page", "Reads a page", Page.class,
                (a, ctx) -> ToolResult.success(("page " + a.number() + " says all is well. ").repeat(30)));

        RunResult result = (RunResult) run.invoke(null, model, List.of(page), "Read pages 1 to 12.");

        assertThat(result.stopReason()).as(result.detail()).isEqualTo(StopReason.COMPLETED);
        assertThat(model.requests()).anySatisfy(r -> assertThat(r.system()).isEqualTo(Compaction.DEFAULT_SUMMARY_PROMPT));
        assertThat(result.usage().cacheReadShare()).isBetween(0.2, 0.6);
    }
}
