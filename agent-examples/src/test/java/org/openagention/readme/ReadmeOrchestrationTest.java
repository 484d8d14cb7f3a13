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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.message.UserMessage;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.Model;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;
import org.openagention.core.testing.FakeModel;
import org.openagention.orchestration.OrchestrationResult;
import org.openagention.orchestration.RunStatus;

/**
 * The README's orchestration block compiles as written and runs: taken from README.md, compiled
 * with the JDK's compiler against the test class path, and its {@code run} and {@code resume}
 * called with a {@link FakeModel} whose workers write the file their task asks for.
 */
class ReadmeOrchestrationTest {
    @TempDir
    Path tmp;

    static String orchestrationSource() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = Pattern.compile("<!-- orchestration -->\\s*```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README.md has a ```java block after <!-- orchestration -->").isTrue();
        return m.group(1);
    }

    /** A worker model: writes the task's file on its first turn, then reports. */
    private static ModelResponse work(ModelRequest request) {
        String prompt = ((UserMessage) request.messages().get(0)).text();
        String file = prompt.contains("(id notes)") ? "NOTES.md" : "SUMMARY.md";
        if (request.messages().size() == 1) {
            return ModelResponse.builder().addToolUse("call_1", "write_file",
                    "{\"path\":\"" + file + "\",\"content\":\"Faster start-up\\n\"}")
                    .finishReason(FinishReason.TOOL_USE).usage(new Usage(20, 10)).build();
        }
        return ModelResponse.builder().addText("Wrote " + file).finishReason(FinishReason.END_TURN)
                .usage(new Usage(30, 5)).build();
    }

    @Test
    void theOrchestrationBlockCompilesRunsAndResumesByRunId() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Files.writeString(src.resolve("ReleaseNotes.java"), orchestrationSource());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), src.resolve("ReleaseNotes.java").toString());
        assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        Path dir = tmp.resolve("work");
        Files.createDirectories(dir.resolve("target"));
        Files.writeString(dir.resolve("target/CHANGES.txt"), "- faster start-up\n");
        FakeModel model = FakeModel.answering(ReadmeOrchestrationTest::work);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Class<?> notes = loader.loadClass("ReleaseNotes");
            Method run = notes.getDeclaredMethod("run", Model.class, Path.class, String.class);
            Method resume = notes.getDeclaredMethod("resume", Model.class, Path.class, String.class);
            run.setAccessible(true);
            resume.setAccessible(true);

            OrchestrationResult result = (OrchestrationResult) run.invoke(null, model, dir, "notes-1");
            int requests = model.requests().size();
            OrchestrationResult resumed = (OrchestrationResult) resume.invoke(null, model, dir, "notes-1");

            assertThat(result.status()).as(result.detail()).isEqualTo(RunStatus.COMPLETED);
            assertThat(result.graph().ids()).containsExactly("notes", "summary");
            assertThat(dir.resolve("target/NOTES.md")).hasContent("Faster start-up");
            assertThat(dir.resolve("target/SUMMARY.md")).hasContent("Faster start-up");
            assertThat(Files.list(dir.resolve("runs"))).isNotEmpty();
            assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(resumed.runId()).isEqualTo("notes-1");
            assertThat(model.requests()).hasSize(requests); // the finished run is not run again
        }
    }
}
