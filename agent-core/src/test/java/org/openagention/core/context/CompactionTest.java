// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openagention.core.AgentEvent;
import org.openagention.core.ConfigurationException;
import org.openagention.core.message.AssistantMessage;
import org.openagention.core.message.Content;
import org.openagention.core.message.Message;
import org.openagention.core.message.SystemMessage;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.message.UserMessage;
import org.openagention.core.model.ModelException;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.ToolResult;

class CompactionTest {
    private static final TokenCounter COUNTER = TokenCounter.estimating(TokenizerFamily.GENERIC);
    private static final int WINDOW = 10_000;

    private final AtomicInteger summaries = new AtomicInteger();
    /** Writes "SUMMARY#n" for summarisation calls (recognised by their prompt), "ok" for anything else. */
    private final FakeModel model = FakeModel.answering(r -> isSummaryCall(r)
            ? ModelResponse.builder().addText("SUMMARY#" + summaries.incrementAndGet()).usage(new Usage(300, 20)).build()
            : ModelResponse.builder().addText("ok").usage(new Usage(1000, 5)).build());

    static boolean isSummaryCall(ModelRequest r) {
        return r.system().equals(Compaction.DEFAULT_SUMMARY_PROMPT);
    }

    private Compaction.Builder compaction() {
        return Compaction.builder().model(model).contextWindow(WINDOW).threshold(0.8).tokenCounter(COUNTER);
    }

    /** A task, then {@code turns} turns of two parallel tool calls and their results of {@code chars} each. */
    static List<Message> toolSession(int turns, int chars) {
        List<Message> messages = new ArrayList<>();
        messages.add(Message.user("<<task>> read every file"));
        for (int t = 1; t <= turns; t++) {
            messages.add(toolTurn(t, "{\"path\":\"f" + t + "\"}"));
            messages.add(new ToolResultMessage(List.of(output(t, "a", chars), output(t, "b", chars))));
        }
        return messages;
    }

    static AssistantMessage toolTurn(int t, String args) {
        return new AssistantMessage(List.of(new Content.Text("<<turn-" + t + ">>"),
                new Content.ToolUse("c" + t + "a", "read", args), new Content.ToolUse("c" + t + "b", "read", args)));
    }

    static Content.ToolOutput output(int t, String suffix, int chars) {
        String text = ("turn " + t + " output " + suffix + ": lorem ipsum dolor sit amet. ").repeat(chars / 40 + 1);
        return new Content.ToolOutput("c" + t + suffix, "read", ToolResult.success(text.substring(0, chars)));
    }

    private DirectChain call(Compaction c, String runId, List<Message> messages) {
        DirectChain chain = new DirectChain(model, runId, ModelRequest.builder().messages(messages).build());
        c.intercept(chain);
        return chain;
    }

    private List<ModelRequest> summaryRequests() {
        return model.requests().stream().filter(CompactionTest::isSummaryCall).collect(Collectors.toList());
    }

    /** Every tool result follows the assistant message whose tool uses it answers, id for id. */
    static void assertToolPairsIntact(List<Message> messages) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i) instanceof ToolResultMessage results) {
                assertThat(i).as("a tool result message cannot open the request").isPositive();
                assertThat(messages.get(i - 1)).as("message %d answers the assistant before it", i)
                        .isInstanceOf(AssistantMessage.class);
                List<String> uses = ((AssistantMessage) messages.get(i - 1)).toolUses().stream()
                        .map(Content.ToolUse::id).collect(Collectors.toList());
                assertThat(results.outputs().stream().map(Content.ToolOutput::toolUseId)).containsExactlyElementsOf(uses);
            }
        }
    }

    @Test
    void requestsBelowTheThresholdGoOutUnchanged() {
        List<Message> messages = toolSession(3, 500);
        DirectChain chain = call(compaction().build(), "run", messages);
        assertThat(chain.onlySent()).isSameAs(chain.request());
        assertThat(summaries).hasValue(0);
        assertThat(chain.published).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
    void keptPartNeverSeparatesToolUsesFromTheirResults(int keepRecent) {
        List<Message> messages = toolSession(30, 1000);
        Compaction c = compaction().keepRecentMessages(keepRecent).compactTo(0.8).build();
        List<Message> sent = call(c, "run", messages).onlySent().messages();

        assertThat(sent.get(0)).isInstanceOf(UserMessage.class);
        assertThat(sent.get(0).text()).isEqualTo(CompactionPass.HEADER + "SUMMARY#" + summaries.get());
        assertThat(sent.get(1)).as("the verbatim part starts with an assistant turn").isInstanceOf(AssistantMessage.class);
        assertToolPairsIntact(sent);
        List<Message> verbatim = sent.subList(1, sent.size());
        assertThat(verbatim).hasSizeGreaterThanOrEqualTo(Math.max(1, keepRecent))
                .containsExactlyElementsOf(messages.subList(messages.size() - verbatim.size(), messages.size()));
        assertThat(COUNTER.count(ModelRequest.builder().messages(sent).build())).isLessThanOrEqualTo(c.trigger());
    }

    @Test
    void summaryOpensAKeptUserMessage() {
        List<Message> messages = toolSession(30, 1000);
        messages.add(Message.assistant("Read them all. Shall I go on?"));
        messages.add(Message.user("<<follow-up>> yes, and count them"));
        messages.add(toolTurn(31, "{\"path\":\"f31\"}"));
        messages.add(new ToolResultMessage(List.of(output(31, "a", 100), output(31, "b", 100))));
        List<Message> sent = call(compaction().keepRecentMessages(3).build(), "run", messages).onlySent().messages();

        assertThat(sent).hasSize(3);
        assertThat(sent.get(0).content()).hasSize(2);
        assertThat(sent.get(0).content().get(0)).isEqualTo(new Content.Text(CompactionPass.HEADER + "SUMMARY#" + summaries.get()));
        assertThat(sent.get(0).content().get(1)).isEqualTo(new Content.Text("<<follow-up>> yes, and count them"));
        assertThat(sent.subList(1, 3)).containsExactlyElementsOf(messages.subList(messages.size() - 2, messages.size()));
    }

    @Test
    void malformedToolArgumentsReachTheSummaryOnlyDescribedAsMalformed() {
        List<Message> messages = new ArrayList<>(toolSession(30, 1000));
        messages.set(3, toolTurn(2, "{\"path\": \"<<raw-malformed>>"));
        messages.set(4, new ToolResultMessage(List.of(
                new Content.ToolOutput("c2a", "read", ToolResult.error(ToolResult.ErrorKind.INVALID_ARGUMENTS, "bad JSON")),
                new Content.ToolOutput("c2b", "read", ToolResult.error(ToolResult.ErrorKind.INVALID_ARGUMENTS, "bad JSON")))));
        call(compaction().build(), "run", messages);

        String input = summaryRequests().get(0).messages().get(0).text();
        assertThat(input).contains("[tool call read (id c1a) with arguments {\"path\":\"f1\"}]")
                .contains("[tool call read (id c2a) with MALFORMED arguments")
                .contains("[result of read (id c2a), error INVALID_ARGUMENTS]")
                .doesNotContain("<<raw-malformed>>");
    }

    @Test
    void summaryIsCachedPerRunAndExtendedOnlyWhenItNoLongerFits() {
        Compaction c = compaction().keepRecentMessages(4).build();
        int calls = 0;
        for (int turns = 20; turns <= 60; turns++) {
            List<Message> sent = call(c, "run-a", toolSession(turns, 1000)).onlySent().messages();
            assertToolPairsIntact(sent);
            assertThat(COUNTER.count(ModelRequest.builder().messages(sent).build())).isLessThanOrEqualTo(c.trigger());
            calls++;
        }
        assertThat(summaries.get()).as("summaries written over %d calls", calls).isBetween(2, calls / 3);
        List<ModelRequest> requests = summaryRequests();
        assertThat(requests.get(0).messages().get(0).text()).contains("<<task>>").doesNotContain("<previous-summary>");
        String second = requests.get(1).messages().get(0).text();
        assertThat(second).contains("<previous-summary>\nSUMMARY#1\n</previous-summary>")
                .doesNotContain("<<task>>").doesNotContain("<<turn-1>>");

        call(c, "run-b", toolSession(30, 1000));
        assertThat(summaryRequests().get(requests.size()).messages().get(0).text())
                .as("another run starts its own summary").doesNotContain("<previous-summary>");
    }

    @Test
    void aCachedSummaryOfADifferentTranscriptIsNotReused() {
        Compaction c = compaction().build();
        call(c, "run", toolSession(30, 1000));
        int first = summaries.get();
        List<Message> other = toolSession(31, 1000);
        other.set(0, Message.user("<<another task>>"));
        call(c, "run", other);
        assertThat(summaryRequests()).hasSizeGreaterThan(first);
        assertThat(summaryRequests().get(first).messages().get(0).text()).contains("<<another task>>")
                .doesNotContain("<previous-summary>");
    }

    @Test
    void fewerRecentMessagesAreKeptWhenTheyWouldNotFit() {
        Compaction c = compaction().keepRecentMessages(40).build();
        List<Message> sent = call(c, "run", toolSession(30, 1000)).onlySent().messages();
        assertThat(sent.size() - 1).isLessThan(40);
        assertToolPairsIntact(sent);
        assertThat(COUNTER.count(ModelRequest.builder().messages(sent).build())).isLessThanOrEqualTo(c.trigger());
    }

    @Test
    void largeHistoriesAreSummarisedInCallsThatFitTheWindowToo() {
        Compaction c = compaction().build();
        call(c, "run", toolSession(120, 3000));
        List<ModelRequest> requests = summaryRequests();
        assertThat(requests).hasSizeGreaterThan(3);
        for (ModelRequest r : requests) {
            assertThat(COUNTER.count(r) + r.maxOutputTokens()).isLessThanOrEqualTo(c.trigger());
        }
        for (int i = 1; i < requests.size(); i++) {
            assertThat(requests.get(i).messages().get(0).text()).contains("<previous-summary>\nSUMMARY#" + i + "\n");
        }
    }

    @Test
    void aMessageTooLargeForTheWindowFailsClearly() {
        List<Message> messages = toolSession(2, 500);
        messages.add(toolTurn(3, "{\"path\":\"huge\"}"));
        messages.add(new ToolResultMessage(List.of(output(3, "a", 60_000), output(3, "b", 10))));
        Compaction c = compaction().build();
        DirectChain chain = new DirectChain(model, "run", ModelRequest.builder().messages(messages).build());
        assertThatThrownBy(() -> c.intercept(chain)).isInstanceOf(ModelException.class)
                .hasMessageStartingWith("context window exceeded").hasMessageContaining("A single recent message is too large");
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void compactionIsReportedAndItsTokensAddedToTheResponse() {
        Compaction c = compaction().build();
        List<Message> messages = toolSession(30, 1000);
        DirectChain chain = new DirectChain(model, "run-7", ModelRequest.builder().messages(messages).build());
        ModelResponse response = c.intercept(chain);

        int n = summaries.get();
        assertThat(n).isPositive();
        assertThat(response.usage()).isEqualTo(new Usage(1000 + 300 * n, 5 + 20 * n));
        assertThat(chain.published).singleElement().isInstanceOfSatisfying(AgentEvent.ContextCompacted.class, e -> {
            assertThat(e.runId()).isEqualTo("run-7");
            assertThat(e.messagesBefore()).isEqualTo(61);
            assertThat(e.messagesAfter()).isEqualTo(chain.onlySent().messages().size());
            assertThat(e.estimatedTokensBefore()).isEqualTo(COUNTER.count(chain.request())).isGreaterThan(c.trigger());
            assertThat(e.estimatedTokensAfter()).isEqualTo(COUNTER.count(chain.onlySent())).isLessThanOrEqualTo(c.trigger());
        });
    }

    @Test
    void systemMessagesAtTheHeadStayInFrontOfTheSummary() {
        List<Message> messages = toolSession(30, 1000);
        messages.add(0, new SystemMessage("<<house rules>>"));
        List<Message> sent = call(compaction().build(), "run", messages).onlySent().messages();
        assertThat(sent.get(0)).isEqualTo(new SystemMessage("<<house rules>>"));
        assertThat(sent.get(1).text()).startsWith(CompactionPass.HEADER);
        assertThat(summaryRequests().get(0).messages().get(0).text()).doesNotContain("<<house rules>>");
    }

    @Test
    void theOutputReserveCountsAgainstTheWindow() {
        Compaction c = compaction().threshold(1.0).build();
        List<Message> messages = toolSession(12, 1000);
        ModelRequest request = ModelRequest.builder().messages(messages).maxOutputTokens(4000).build();
        assertThat(COUNTER.count(request)).isBetween(6001L, 9000L);
        DirectChain chain = new DirectChain(model, "run", request);
        c.intercept(chain);
        assertThat(COUNTER.count(chain.onlySent()) + 4000).isLessThanOrEqualTo(WINDOW);
    }

    @Test
    void calibratingCounterLearnsFromTheCallsItSizes() {
        FakeModel truthful = FakeModel.answering(r -> ModelResponse.builder()
                .addText(isSummaryCall(r) ? "SUMMARY#" + summaries.incrementAndGet() : "ok")
                .usage(new Usage(Math.round(COUNTER.count(r) * 1.2), 5)).build());
        CalibratingTokenCounter counter = TokenCounter.calibrating(COUNTER);
        Compaction c = Compaction.builder().model(truthful).contextWindow(WINDOW).tokenCounter(counter).build();
        c.intercept(new DirectChain(truthful, "run", ModelRequest.builder().messages(toolSession(30, 1000)).build()));
        assertThat(counter.samples()).as("the summarisation calls and the call itself").isEqualTo(summaries.get() + 1);
        assertThat(counter.ratio()).isCloseTo(1.2, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void compactionIsDeepTheVerbatimPartIsCutToTheLowWaterMark() {
        List<Message> messages = toolSession(30, 1000);
        Compaction c = compaction().keepRecentMessages(40).build();
        List<Message> sent = call(c, "run", messages).onlySent().messages();
        assertThat(COUNTER.count(ModelRequest.builder().messages(sent).build()))
                .as("down to compactTo (0.4) of the window, not just under the threshold").isLessThanOrEqualTo(4_000);
        assertToolPairsIntact(sent);
    }

    @Test
    void aFailedSummaryLetsARequestThatStillFitsGoOutUncompacted() {
        FakeModel failing = FakeModel.answering(r -> {
            if (isSummaryCall(r)) {
                throw new ModelException("summariser overloaded");
            }
            return ModelResponse.ofText("ok");
        });
        Compaction c = Compaction.builder().model(failing).contextWindow(WINDOW).threshold(0.5).tokenCounter(COUNTER)
                .summaryMaxTokens(1000).build();
        ModelRequest request = ModelRequest.builder().messages(toolSession(10, 1000)).build();
        assertThat(COUNTER.count(request)).isBetween(5001L, (long) WINDOW);
        DirectChain chain = new DirectChain(failing, "run", request);
        assertThat(c.intercept(chain).text()).isEqualTo("ok");
        assertThat(chain.onlySent()).isSameAs(request);
        assertThat(chain.published).singleElement().isInstanceOfSatisfying(AgentEvent.ErrorOccurred.class,
                e -> assertThat(e.message()).contains("compaction failed").contains("summariser overloaded"));

        ModelRequest tooLarge = ModelRequest.builder().messages(toolSession(30, 1000)).build();
        assertThatThrownBy(() -> c.intercept(new DirectChain(failing, "run", tooLarge)))
                .isInstanceOf(ModelException.class).hasMessage("summariser overloaded");
    }

    @Test
    void builderRequiresAModelAndAContextWindow() {
        assertThatThrownBy(() -> Compaction.builder().build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("needs a model");
        Compaction noWindow = Compaction.builder().model(new FakeModel()).build();
        ModelRequest request = ModelRequest.builder().addMessage(Message.user("hi")).build();
        assertThatThrownBy(() -> noWindow.intercept(new DirectChain(model, "run", request)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("contextWindow(tokens)");
        Compaction fromModel = Compaction.builder().model(new FakeModel().withContextWindow(50_000)).build();
        assertThat(fromModel.contextWindow()).as("the agent's model's, read at each call").isZero();
        assertThat(fromModel.compactTo()).isEqualTo(0.4);
        assertThat(fromModel.tokenCounter()).isInstanceOf(CalibratingTokenCounter.class);
        assertThatThrownBy(() -> compaction().compactTo(0.9).build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("must not be above the threshold");
        assertThatThrownBy(() -> compaction().summaryMaxTokens(5000).build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("at most half the compaction threshold");
        assertThatThrownBy(() -> Compaction.builder().threshold(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
