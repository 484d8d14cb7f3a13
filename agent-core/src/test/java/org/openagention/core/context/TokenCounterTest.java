// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.Usage;
import org.openagention.core.tool.ToolResult;
import org.openagention.core.tool.ToolSpec;

class TokenCounterTest {
    private static final String PROSE = "The quick brown fox jumps over the lazy dog, and then it naps in the warm"
            + " afternoon sun while the farmer mends the fence along the northern field. ";
    private static final String CODE = "for (int i = 0; i < xs.length; i++) { if (xs[i] == null) { throw new"
            + " IllegalStateException(\"xs[\" + i + \"] is null\"); } sum += xs[i].value(); }\n";

    private static ModelRequest userText(String text) {
        return ModelRequest.builder().addMessage(Message.user(text)).build();
    }

    @Test
    void proseEstimateIsWithinASaneBandPerFamily() {
        String text = PROSE.repeat(40);
        long openAi = TokenCounter.estimating(TokenizerFamily.OPENAI).count(userText(text));
        long anthropic = TokenCounter.estimating(TokenizerFamily.ANTHROPIC).count(userText(text));
        assertThat(openAi).isBetween(text.length() / 5L, text.length() / 3L);
        assertThat(anthropic).isBetween(text.length() / 5L, text.length() / 3L);
        assertThat(anthropic).as("Claude's tokenizer uses fewer characters per token").isGreaterThan(openAi);
    }

    @Test
    void codeCountsMoreTokensPerCharacterThanProse() {
        TokenCounter counter = TokenCounter.estimating(TokenizerFamily.OPENAI);
        String prose = PROSE.repeat(30);
        String code = CODE.repeat(40).substring(0, prose.length());
        long proseTokens = counter.count(userText(prose));
        long codeTokens = counter.count(userText(code));
        assertThat(codeTokens).isGreaterThan(proseTokens * 11 / 10);
        assertThat(codeTokens).isLessThan(code.length() / 2L);
    }

    @Test
    void textOutsideAsciiCountsAboutOneTokenPerCharacter() {
        long tokens = TokenCounter.estimating(TokenizerFamily.GENERIC).count(userText("上下文窗口".repeat(100)));
        assertThat(tokens).isBetween(500L, 530L);
    }

    @Test
    void toolSchemasArgumentsAndResultsAreCounted() {
        TokenCounter counter = TokenCounter.estimating(TokenizerFamily.ANTHROPIC);
        ModelRequest bare = userText("Read the file");
        String schema = "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\",\"description\":"
                + "\"The file to read, relative to the workspace root\"}},\"required\":[\"path\"]}";
        ModelRequest withTool = bare.toBuilder().addTool(new ToolSpec("read_file", "Reads a file", schema)).build();
        String args = "{\"path\":\"" + "src/main/java/".repeat(20) + "Main.java\"}";
        ModelRequest withCall = withTool.toBuilder()
                .addMessage(new AssistantMessage(List.of(new Content.ToolUse("call_1", "read_file", args))))
                .addMessage(new ToolResultMessage(List.of(new Content.ToolOutput("call_1", "read_file",
                        ToolResult.success(CODE.repeat(10))))))
                .build();
        long b = counter.count(bare);
        long t = counter.count(withTool);
        long c = counter.count(withCall);
        assertThat(t - b).isGreaterThan(schema.length() / 4L);
        assertThat(c - t).isGreaterThan((args.length() + CODE.length() * 10L) / 4);
    }

    @Test
    void familyFollowsTheModelName() {
        assertThat(TokenizerFamily.forModel("anthropic:claude-sonnet-4-5")).isEqualTo(TokenizerFamily.ANTHROPIC);
        assertThat(TokenizerFamily.forModel("gpt-4.1-mini")).isEqualTo(TokenizerFamily.OPENAI);
        assertThat(TokenizerFamily.forModel("openai:o3")).isEqualTo(TokenizerFamily.OPENAI);
        assertThat(TokenizerFamily.forModel("o4-mini")).isEqualTo(TokenizerFamily.OPENAI);
        assertThat(TokenizerFamily.forModel("qwen2.5-coder:7b")).isEqualTo(TokenizerFamily.GENERIC);
    }

    @Test
    void calibrationConvergesOnReportedUsage() {
        TokenCounter base = TokenCounter.estimating(TokenizerFamily.OPENAI);
        CalibratingTokenCounter counter = TokenCounter.calibrating(base);
        ModelRequest probe = userText(CODE.repeat(50));
        assertThat(counter.count(probe)).isEqualTo(base.count(probe));
        for (int i = 1; i <= 40; i++) {
            ModelRequest sent = userText(PROSE.repeat(i) + CODE.repeat(i % 7));
            double noise = i % 2 == 0 ? 1.05 : 0.95; // the provider's truth wobbles around 1.3 times the estimate
            counter.observe(sent, new Usage(Math.round(base.count(sent) * 1.3 * noise), 10));
        }
        assertThat(counter.samples()).isEqualTo(40);
        assertThat(counter.ratio()).isCloseTo(1.3, within(0.05));
        assertThat((double) counter.count(probe)).isCloseTo(base.count(probe) * 1.3, within(base.count(probe) * 0.05));
    }

    @Test
    void firstReportSetsTheRatioAndCachedTokensCountAsInput() {
        TokenCounter base = TokenCounter.estimating(TokenizerFamily.ANTHROPIC);
        CalibratingTokenCounter counter = TokenCounter.calibrating(base);
        ModelRequest sent = userText(PROSE.repeat(20));
        long estimate = base.count(sent);
        counter.observe(sent, new Usage(estimate / 2, 5, estimate, estimate / 2));
        assertThat(counter.ratio()).isCloseTo(2.0, within(0.01));
    }

    @Test
    void reportsWithoutUsageAreIgnoredAndWildOnesClamped() {
        CalibratingTokenCounter counter = TokenCounter.calibrating(TokenCounter.estimating(TokenizerFamily.GENERIC));
        ModelRequest sent = userText(PROSE);
        counter.observe(sent, Usage.ZERO);
        assertThat(counter.samples()).isZero();
        assertThat(counter.ratio()).isEqualTo(1.0);
        counter.observe(sent, new Usage(1_000_000, 0));
        assertThat(counter.ratio()).isEqualTo(CalibratingTokenCounter.MAX_RATIO);
    }

    @Test
    void implausibleReportsAreIgnoredAndCountsNeverFallBelowTheConservativeEstimate() {
        TokenCounter base = TokenCounter.estimating(TokenizerFamily.GENERIC);
        CalibratingTokenCounter counter = TokenCounter.calibrating(base);
        ModelRequest sent = userText(PROSE.repeat(40));
        long estimate = base.count(sent);
        counter.observe(sent, new Usage(10, 5)); // a fake's canned usage
        counter.observe(sent, new Usage(estimate / 3, 5)); // a server counting something else
        assertThat(counter.samples()).as("far below the estimate: ignored").isZero();
        assertThat(counter.count(sent)).isEqualTo(estimate);

        counter.observe(sent, new Usage(Math.round(estimate * 0.6), 5)); // plausible but low: clamped
        assertThat(counter.samples()).isEqualTo(1);
        assertThat(counter.ratio()).isEqualTo(CalibratingTokenCounter.MIN_RATIO);
        for (int i = 0; i < 50; i++) {
            counter.observe(sent, new Usage(Math.round(estimate * 0.55), 5));
        }
        assertThat(counter.count(sent)).as("never below the conservative estimate")
                .isGreaterThanOrEqualTo((long) (estimate * CalibratingTokenCounter.MIN_RATIO));
    }

    @Test
    void concurrentReportsAreAllCounted() throws Exception {
        TokenCounter base = TokenCounter.estimating(TokenizerFamily.OPENAI);
        CalibratingTokenCounter counter = TokenCounter.calibrating(base);
        ModelRequest sent = userText(PROSE.repeat(10));
        Usage doubled = new Usage(base.count(sent) * 2, 1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 500; i++) {
                    counter.observe(sent, doubled);
                    counter.count(sent);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(counter.samples()).isEqualTo(4000);
        assertThat(counter.ratio()).isCloseTo(2.0, within(1e-9));
        assertThat(counter.count(sent)).isEqualTo(base.count(sent) * 2);
    }
}
