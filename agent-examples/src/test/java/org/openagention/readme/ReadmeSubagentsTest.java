// SPDX-License-Identifier: Apache-2.0
package org.openagention.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
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
import org.openagention.core.RunResult;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.Model;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;
import org.openagention.core.testing.FakeModel;
import org.openagention.tools.hooks.Hooks;
import org.openagention.tools.hooks.SettingsFormat;

/**
 * The README's subagents block compiles as written and runs with a {@link FakeModel} (two
 * searches, a typed review, a handoff), and its settings example loads without problems; the
 * agent-examples README's definition and settings examples load too.
 */
class ReadmeSubagentsTest {
    @TempDir
    Path tmp;

    private static String block(Path readme, String marker, String lang) throws Exception {
        String text = Files.readString(readme);
        int at = text.indexOf(marker);
        assertThat(at).as("%s has %s", readme, marker).isNotNegative();
        Matcher m = Pattern.compile("```" + lang + "\\n(.*?)```", Pattern.DOTALL).matcher(text);
        assertThat(m.find(at)).as("%s has a ```%s block after %s", readme, lang, marker).isTrue();
        return m.group(1);
    }

    private static ModelResponse answer(ModelRequest request) {
        String system = request.system();
        if (system.startsWith("You find where")) {
            return ModelResponse.builder().addText("Prices are rounded in Money.java").usage(new Usage(10, 5)).build();
        }
        if (system.startsWith("You review")) {
            return ModelResponse.builder().addText("{\"verdict\":\"approve\",\"summary\":\"rounding fixed\"}")
                    .usage(new Usage(10, 5)).build();
        }
        if (system.startsWith("You write release notes")) {
            return ModelResponse.builder().addText("Release notes: rounding fixed").usage(new Usage(10, 5)).build();
        }
        long turn = request.messages().stream().filter(m -> m instanceof AssistantMessage).count();
        ModelResponse.Builder b = ModelResponse.builder().finishReason(FinishReason.TOOL_USE).usage(new Usage(20, 5));
        if (turn == 0) {
            return b.addToolUse("s1", "search_code", "{\"prompt\":\"Where are prices rounded?\"}")
                    .addToolUse("s2", "search_code", "{\"prompt\":\"Where are totals computed?\"}").build();
        }
        if (turn == 1) {
            return b.addToolUse("r1", "review", "{\"prompt\":\"Review the change\"}").build();
        }
        return b.addToolUse("h1", "transfer_to_release-manager", "{}").build();
    }

    @Test
    void theSubagentsBlockCompilesAndRuns() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Files.writeString(src.resolve("Delegation.java"), block(Path.of("..", "README.md"), "<!-- subagents -->", "java"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), src.resolve("Delegation.java").toString());
        assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        Path repo = Files.createDirectories(tmp.resolve("repo"));
        FakeModel model = FakeModel.answering(ReadmeSubagentsTest::answer);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Method run = loader.loadClass("Delegation").getDeclaredMethod("run", Model.class, Path.class);
            run.setAccessible(true);
            RunResult result = (RunResult) run.invoke(null, model, repo);
            assertThat(result.isSuccess()).as(result.detail()).isTrue();
            assertThat(result.agentName()).isEqualTo("release-manager");
            assertThat(result.finalText()).isEqualTo("Release notes: rounding fixed");
        }
        String leadSecond = model.requests().stream().filter(r -> r.system().isEmpty()).skip(1).findFirst()
                .orElseThrow().messages().get(2).toString();
        assertThat(leadSecond).contains("Prices are rounded in Money.java");
    }

    @Test
    void theSettingsExamplesLoadWithoutProblems() throws Exception {
        Path settings = tmp.resolve("settings.json");
        Files.writeString(settings, block(Path.of("..", "README.md"), "<!-- subagents -->", "json"));
        Hooks hooks = Hooks.builder(tmp).addSettings(settings, SettingsFormat.OPENAGENTION).build();
        assertThat(hooks.problems()).isEmpty();
        assertThat(hooks.hooks()).hasSize(2);

        Path cliSettings = tmp.resolve("cli-settings.json");
        Files.writeString(cliSettings, block(Path.of("README.md"), "<!-- cli-hooks -->", "json"));
        Hooks cli = Hooks.builder(tmp).addSettings(cliSettings, SettingsFormat.CLAUDE_CODE).build();
        assertThat(cli.problems()).isEmpty();
        assertThat(cli.hooks()).isNotEmpty();
    }
}
