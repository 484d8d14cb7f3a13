// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openagention.core.Agent;
import org.openagention.core.AgentEvent;
import org.openagention.core.RunResult;
import org.openagention.core.message.Content;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.testing.RecordingListener;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolCall;
import org.openagention.core.tool.ToolContext;
import org.openagention.core.tool.ToolRegistry;
import org.openagention.core.tool.ToolResult;

class ToolOutputLimitTest {
    record Args(String text) {}

    private static final Pattern SAVED_IN = Pattern.compile("The full output is saved in (\\S+): read it");

    @TempDir
    Path dir;

    /** A tool that echoes its argument, or fails with it when it starts with "fail:". */
    private static final Tool ECHO = Tool.of("echo", "Echoes", Args.class, (args, ctx) -> args.text().startsWith("fail:")
            ? ToolResult.error(ToolResult.ErrorKind.TIMEOUT, args.text()) : ToolResult.success(args.text()));

    private ToolResult run(ToolOutputLimit limit, String text) {
        ToolRegistry registry = ToolRegistry.of(ECHO).withInterceptors(List.of(limit));
        String json = "{\"text\":" + org.openagention.core.internal.Json.write(text) + "}";
        return registry.execute(new ToolCall("call_1", "echo", json), ToolContext.standalone());
    }

    private static String numberedLines(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n"));
    }

    private static Path savedFile(String capped) {
        Matcher m = SAVED_IN.matcher(capped);
        assertThat(m.find()).as("the capped text names its spill file: %s", capped).isTrue();
        return Path.of(m.group(1));
    }

    @Test
    void outputWithinLimitsPassesUnchanged() {
        ToolOutputLimit limit = ToolOutputLimit.builder().maxChars(1000).maxLines(10).spillDirectory(dir).build();
        ToolResult result = run(limit, numberedLines(10));
        assertThat(result).isEqualTo(ToolResult.success(numberedLines(10)));
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void tooManyLinesKeepHeadAndTailAndStateTheSizes() {
        ToolOutputLimit limit = ToolOutputLimit.builder().maxChars(100_000).maxLines(20).spillDirectory(dir).build();
        String full = numberedLines(1000);
        String capped = run(limit, full).text();
        List<String> lines = capped.lines().collect(Collectors.toList());
        assertThat(lines.subList(0, 10)).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 10).mapToObj(i -> "line " + i).collect(Collectors.toList()));
        assertThat(lines.subList(11, 21)).containsExactlyElementsOf(
                IntStream.rangeClosed(991, 1000).mapToObj(i -> "line " + i).collect(Collectors.toList()));
        assertThat(lines).hasSize(21);
        assertThat(lines.get(10)).contains(String.format("%,d characters in 1,000 lines in total", full.length()))
                .contains("(980 lines) omitted");
    }

    @Test
    void tooManyCharactersCutInsideALongLine() {
        ToolOutputLimit limit = ToolOutputLimit.builder().maxChars(1000).maxLines(100).spillDirectory(dir).build();
        String full = "a".repeat(5000) + "b".repeat(5000);
        String capped = run(limit, full).text();
        assertThat(capped).startsWith("a".repeat(500) + "\n[output truncated").endsWith("]\n" + "b".repeat(500))
                .contains("9,000 characters (1 line) omitted");
    }

    @Test
    void spillFileHoldsTheFullText() throws Exception {
        ToolOutputLimit limit = ToolOutputLimit.builder().maxChars(300).maxLines(500).spillDirectory(dir.resolve("spill"))
                .build();
        String full = numberedLines(400) + "ünïcödé ✓ 𝄞\n";
        String capped = run(limit, full).text();
        Path file = savedFile(capped);
        assertThat(file).startsWith(dir.resolve("spill"));
        assertThat(Files.readString(file)).isEqualTo(full);
    }

    @Test
    void eachCappedCallGetsItsOwnFile() throws Exception {
        ToolOutputLimit limit = ToolOutputLimit.builder().maxChars(300).spillDirectory(dir).build();
        Path first = savedFile(run(limit, "x".repeat(1000)).text());
        Path second = savedFile(run(limit, "y".repeat(1000)).text());
        assertThat(first).isNotEqualTo(second);
        assertThat(Files.readString(first)).isEqualTo("x".repeat(1000));
        assertThat(Files.readString(second)).isEqualTo("y".repeat(1000));
    }

    @Test
    void errorResultsAreCappedAndKeepTheirKind() throws Exception {
        ToolOutputLimit limit = ToolOutputLimit.builder().maxChars(300).spillDirectory(dir).build();
        String full = "fail:" + "e".repeat(2000);
        ToolResult result = run(limit, full);
        assertThat(result).isInstanceOf(ToolResult.Error.class);
        assertThat(((ToolResult.Error) result).kind()).isEqualTo(ToolResult.ErrorKind.TIMEOUT);
        assertThat(result.text()).startsWith("fail:eee").contains("omitted here").hasSizeLessThan(600);
        assertThat(Files.readString(savedFile(result.text()))).isEqualTo(full);
    }

    @Test
    void failedSpillIsStatedAndHeadAndTailKept() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("occupied"), "a file, not a directory");
        ToolOutputLimit limit = ToolOutputLimit.builder().maxChars(300).spillDirectory(notADirectory.resolve("sub"))
                .build();
        String full = "H".repeat(1000) + "T".repeat(1000);
        String capped = run(limit, full).text();
        assertThat(capped).startsWith("H".repeat(150)).endsWith("T".repeat(150))
                .contains("Saving the full output to a file failed").contains("cannot be read")
                .doesNotContain("saved in");
    }

    @Test
    void surrogatePairsAreNeverSplit() {
        ToolOutputLimit limit = ToolOutputLimit.builder().maxChars(301).spillDirectory(dir).build();
        String capped = run(limit, "𝄞".repeat(1000)).text();
        String head = capped.substring(0, capped.indexOf('\n'));
        String tail = capped.substring(capped.lastIndexOf('\n') + 1);
        assertThat(head.codePoints()).allMatch(cp -> cp == 0x1D11E);
        assertThat(tail.codePoints()).allMatch(cp -> cp == 0x1D11E);
        assertThat(head).isNotEmpty();
        assertThat(tail).isNotEmpty();
    }

    @Test
    void spillPathIsStatedRelativeToTheWorkspace() {
        ToolOutputLimit limit = ToolOutputLimit.builder().maxChars(300)
                .spillDirectory(dir.resolve(".openagention/tool-output")).pathsRelativeTo(dir).build();
        String capped = run(limit, "z".repeat(1000)).text();
        Matcher m = SAVED_IN.matcher(capped);
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).startsWith(".openagention/tool-output/echo-call_1-").endsWith(".txt");
        assertThat(dir.resolve(m.group(1))).hasContent("z".repeat(1000));
    }

    @Test
    void cappedOutputEntersTheTranscriptAndTheSpillIsAnnounced() throws Exception {
        FakeModel model = new FakeModel().enqueueToolCall("echo", "{\"text\":\"" + "q".repeat(5000) + "\"}")
                .enqueueText("done");
        RecordingListener listener = new RecordingListener();
        RunResult result = Agent.builder().model(model).addTool(ECHO).addListener(listener)
                .addToolInterceptor(ToolOutputLimit.builder().maxChars(1000).spillDirectory(dir).build())
                .build().run("echo a lot");
        Content.ToolOutput output = ((ToolResultMessage) result.transcript().get(2)).outputs().get(0);
        assertThat(output.result().text()).hasSizeLessThan(1400).contains("4,000 characters (1 line) omitted");
        assertThat(Files.readString(savedFile(output.result().text()))).isEqualTo("q".repeat(5000));
        assertThat(model.requests().get(1).messages().get(2).content().get(0).toString()).contains("omitted here");
        assertThat(listener.events(AgentEvent.Notice.class)).singleElement()
                .satisfies(n -> assertThat(n.source()).isEqualTo(ToolOutputLimit.SOURCE))
                .satisfies(n -> assertThat(n.message()).contains("echo").contains("5000 characters"));
    }

    @Test
    void builderRefusesLimitsWithNoRoomForHeadAndTail() {
        assertThatThrownBy(() -> ToolOutputLimit.builder().maxChars(10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxChars must be at least 200");
        assertThatThrownBy(() -> ToolOutputLimit.builder().maxLines(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxLines must be at least 2");
    }
}
