// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openagention.core.Agent;
import org.openagention.core.Limits;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
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

/** Window sizing that usage reports cannot fool: the measurement, and what must hold instead. */
class CompactionSizingTest {
    record ReadArgs(String path) {}

    private static final int WINDOW = 8_000;
    private static final TokenCounter ESTIMATE = TokenCounter.estimating(TokenizerFamily.GENERIC);

    /** FakeModel's canned usage on every call; 60 tool turns of 3,000 characters; the last answers. */
    private static FakeModel cannedUsageModel(int turns) {
        return FakeModel.answering(request -> {
            if (request.system().equals(Compaction.DEFAULT_SUMMARY_PROMPT)) {
                return ModelResponse.builder().addText("The agent read files one by one.").usage(new Usage(10, 5)).build();
            }
            int done = answered(request);
            if (done == turns) {
                return ModelResponse.builder().addText("done").usage(new Usage(10, 5)).build();
            }
            return ModelResponse.builder().addToolUse("read-" + (done + 1), "read_file", "{\"path\":\"f" + (done + 1) + "\"}")
                    .finishReason(FinishReason.TOOL_USE).usage(new Usage(10, 5)).build();
        }).withContextWindow(WINDOW);
    }

    private static int answered(ModelRequest request) {
        Message last = request.messages().get(request.messages().size() - 1);
        return last instanceof ToolResultMessage r
                ? Integer.parseInt(r.outputs().get(0).toolUseId().substring("read-".length())) : 0;
    }

    private static Tool reader(int chars) {
        return Tool.readOnly("read_file", "Reads a file", ReadArgs.class, (a, ctx) -> ToolResult.success(
                ("line of " + a.path() + ": int x = compute(y);\n").repeat(chars / 20 + 1).substring(0, chars)));
    }

    @Test
    void cannedUsageCannotTalkTheCounterIntoOversizedRequests() {
        FakeModel model = cannedUsageModel(60);
        Agent agent = Agent.builder().model(model).addTool(reader(3_000))
                .addModelInterceptor(Compaction.builder().model(model).build()).build();

        RunResult result = agent.run("Read f1 to f60.", RunOptions.builder()
                .limits(Limits.builder().maxTurns(100).build()).build());

        assertThat(result.stopReason()).as(result.detail()).isEqualTo(StopReason.COMPLETED);
        long largest = model.requests().stream().mapToLong(ESTIMATE::count).max().orElseThrow();
        System.out.printf("CompactionSizingTest: largest request %,d estimated tokens in a %,d-token window"
                + " over %d requests (the issue measured 25,440 before)%n", largest, WINDOW, model.requests().size());
        assertThat(largest).as("the largest request, estimated").isLessThanOrEqualTo(WINDOW);
        assertThat(model.requests()).hasSizeGreaterThan(61); // summaries were written, so compaction ran
    }

    @Test
    void aRequestThatCannotFitIsNeverSentAndTheRunEndsWithTheContextWindowReason() {
        FakeModel model = cannedUsageModel(5);
        Agent agent = Agent.builder().model(model).addTool(reader(60_000))
                .addModelInterceptor(Compaction.builder().model(model).build()).build();

        RunResult result = agent.run("Read f1 to f5.");

        assertThat(result.stopReason()).isEqualTo(StopReason.CONTEXT_WINDOW);
        assertThat(result.detail()).startsWith("context window exceeded");
        assertThat(model.requests()).allSatisfy(r -> assertThat(ESTIMATE.count(r)).isLessThanOrEqualTo(WINDOW));
        assertThat(result.transcript()).hasSize(3); // the task, the call, its 60,000-character result
    }

    @Test
    void theDefaultWindowIsTheAgentsModelsNotTheSummarisers() {
        FakeModel summariser = new FakeModel("small").withContextWindow(2_000);
        FakeModel agentModel = new FakeModel("large").withContextWindow(50_000);
        agentModel.enqueueText("ok");
        Compaction compaction = Compaction.builder().model(summariser).tokenCounter(ESTIMATE).build();
        ModelRequest request = ModelRequest.builder().messages(List.of(Message.user("x ".repeat(20_000)))).build();
        long size = ESTIMATE.count(request);
        assertThat(size).isBetween(4_000L, 40_000L); // above the summariser's window, inside the agent's threshold

        DirectChain chain = new DirectChain(agentModel, "run", request, agentModel.contextWindow());
        compaction.intercept(chain);

        assertThat(chain.onlySent()).as("sent as is: it fits the agent's window").isSameAs(request);
        assertThat(summariser.requests()).as("no summary was needed").isEmpty();
        assertThat(compaction.contextWindow()).as("follows the agent's model").isZero();
    }

    @Test
    void summarisationCallsFitTheSummarisersSmallerWindow() {
        FakeModel summariser = FakeModel.answering(r -> ModelResponse.builder().addText("SUMMARY").usage(new Usage(10, 5))
                .build()).withContextWindow(4_000);
        FakeModel agentModel = FakeModel.answering(r -> ModelResponse.builder().addText("ok").build());
        Compaction compaction = Compaction.builder().model(summariser).tokenCounter(ESTIMATE).build();
        ModelRequest request = ModelRequest.builder().messages(CompactionTest.toolSession(50, 1500)).build();
        assertThat(ESTIMATE.count(request)).isBetween(40_001L, 50_000L); // above the agent's threshold

        DirectChain chain = new DirectChain(agentModel, "run", request, 50_000);
        compaction.intercept(chain);

        assertThat(ESTIMATE.count(chain.onlySent())).isLessThanOrEqualTo(40_000);
        assertThat(summariser.requests()).isNotEmpty().allSatisfy(r -> assertThat(ESTIMATE.count(r) + r.maxOutputTokens())
                .as("a summarisation call inside 0.8 of the summariser's 4,000 tokens").isLessThanOrEqualTo(3_200));
    }

    @Test
    void theAgentsRequestsAreCountedForTheAgentsTokenizerNotTheSummarisers() {
        FakeModel summariser = new FakeModel("gpt-4o-mini").withContextWindow(128_000);
        FakeModel agentModel = FakeModel.answering(r -> ModelResponse.builder().addText("ok")
                .usage(new Usage(Math.round(TokenCounter.estimating(TokenizerFamily.ANTHROPIC).count(r) * 1.2), 5)).build());
        Compaction compaction = Compaction.builder().model(summariser).build();
        ModelRequest request = ModelRequest.builder().addMessage(Message.user("Fix the failing test. ".repeat(200))).build();

        compaction.intercept(new DirectChain(new Model() {
            @Override
            public ModelResponse complete(ModelRequest r) {
                return agentModel.complete(r);
            }

            @Override
            public String name() {
                return "claude-sonnet-4-5";
            }
        }, "run", request, 200_000));

        CalibratingTokenCounter summarisers = (CalibratingTokenCounter) compaction.tokenCounter();
        assertThat(summarisers.base().toString()).contains("OPENAI");
        assertThat(summarisers.samples()).as("the agent's report calibrated the Anthropic estimate, not this one").isZero();
    }
}
