// SPDX-License-Identifier: Apache-2.0
package org.openagention.bench.context;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.openagention.core.Agent;
import org.openagention.core.Limits;
import org.openagention.core.RunOptions;
import org.openagention.core.RunResult;
import org.openagention.core.context.Compaction;
import org.openagention.core.context.TokenCounter;
import org.openagention.core.context.TokenizerFamily;
import org.openagention.core.context.ToolOutputLimit;
import org.openagention.core.message.Message;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.model.FinishReason;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.model.Usage;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

/**
 * A scripted long session that measures how much of each request the provider's prompt cache can
 * serve: the share of input tokens that are an exact prefix of the previous request (system
 * prompt, tools and leading messages identical), over the agent's requests 2 to N.
 *
 * <p>A {@link FakeModel} plays the agent: turn {@code n} asks for the tool call of
 * {@link SessionOutputs#turn}, the last turn answers. It reports usage the way Anthropic does with
 * breakpoints at the end of the request: the prefix shared with the previous request as cache
 * reads, the rest as cache writes, each 10% above the character estimate (the provider's truth the
 * counter calibrates against). Summaries are written by the same model. The agent runs with
 * {@link ToolOutputLimit}'s defaults (but at most as many characters as the window has tokens, so
 * that one output fits a small window) and the documented {@link Compaction} (defaults but the window).
 *
 * <pre>
 * java -cp agent-bench/target/benchmarks.jar org.openagention.bench.context.CacheSession [turns=200] [windows=8000,32000,64000,200000]
 * </pre>
 */
public final class CacheSession {
    /** What the provider reports: this much above the character estimate. */
    static final double TRUTH = 1.1;
    static final TokenCounter ESTIMATE = TokenCounter.estimating(TokenizerFamily.GENERIC);

    record ReadArgs(String path) {}

    record GrepArgs(String pattern) {}

    record TestArgs(String module) {}

    record EditArgs(String path, String old, String replacement) {}

    /**
     * One session's figures.
     *
     * @param agentRequests the agent's requests (summarisation calls apart)
     * @param summaryCalls summarisation calls
     * @param inputTokens estimated input tokens of agent requests 2 to N
     * @param eligibleTokens the part of them that repeats the previous request exactly
     * @param largestRequest the largest request sent, agent or summary, in the provider's tokens plus its output cap
     * @param summaryInputTokens estimated input tokens of the summarisation calls
     * @param overWindow requests whose provider tokens plus output cap exceeded the window
     */
    public record Report(int window, RunResult result, int agentRequests, int summaryCalls, long inputTokens,
            long eligibleTokens, long largestRequest, long summaryInputTokens, int overWindow) {
        /** The cache-eligible share of the agent's input tokens. */
        public double share() {
            return inputTokens == 0 ? 0 : (double) eligibleTokens / inputTokens;
        }

        @Override
        public String toString() {
            Usage u = result.usage();
            return String.format("window %,7d: %s after %d turns; cache-eligible %.1f%% of %,d input tokens;"
                    + " %d summary calls (%,d input tokens); largest request %,d of %,d (%d over);"
                    + " reported cache reads %,d, writes %,d", window, result.stopReason(), result.turns(),
                    100 * share(), inputTokens, summaryCalls, summaryInputTokens, largestRequest, window, overWindow,
                    u.cacheReadTokens(), u.cacheWriteTokens());
        }
    }

    private CacheSession() {}

    public static void main(String[] args) throws Exception {
        int turns = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        String windows = args.length > 1 ? args[1] : "8000,32000,64000,200000";
        Path dir = Files.createTempDirectory("cache-session");
        System.out.printf("CacheSession java=%s turns=%d%n", System.getProperty("java.version"), turns);
        for (String w : windows.split(",")) {
            System.out.println(run(Integer.parseInt(w.trim()), turns, dir.resolve("w" + w.trim()), b -> b));
        }
    }

    /** Runs the session; {@code compaction} may adjust the documented set-up (window already set). */
    public static Report run(int window, int turns, Path spill, UnaryOperator<Compaction.Builder> compaction) {
        List<ModelRequest> agentRequests = new ArrayList<>();
        List<ModelRequest> summaryRequests = new ArrayList<>();
        FakeModel model = FakeModel.answering(request -> {
            long truth = Math.round(ESTIMATE.count(request) * TRUTH);
            if (request.system().equals(Compaction.DEFAULT_SUMMARY_PROMPT)) {
                summaryRequests.add(request);
                return ModelResponse.builder().addText(summary(summaryRequests.size(), request.maxOutputTokens()))
                        .usage(new Usage(truth, request.maxOutputTokens() / 2)).build();
            }
            ModelRequest previous = agentRequests.isEmpty() ? null : agentRequests.get(agentRequests.size() - 1);
            agentRequests.add(request);
            long read = previous == null ? 0 : Math.round(commonPrefix(previous, request) * TRUTH);
            read = Math.min(read, truth);
            Usage usage = new Usage(0, 60, read, truth - read);
            int done = toolCallsAnswered(request);
            if (done + 1 >= turns) {
                return ModelResponse.builder().addText("All " + done + " steps are done; the tests pass.").usage(usage).build();
            }
            SessionOutputs.Turn t = SessionOutputs.turn(done + 1);
            return ModelResponse.builder().addText(t.thought()).addToolUse("call-" + (done + 1), t.tool(), t.argumentsJson())
                    .finishReason(FinishReason.TOOL_USE).usage(usage).build();
        }).withContextWindow(window);

        int maxOutput = Math.min(4096, window / 8);
        Agent agent = Agent.builder().model(model).instructions(INSTRUCTIONS).maxOutputTokens(maxOutput)
                .addTool(Tool.readOnly("read_file", "Reads a file of the workspace, with line numbers", ReadArgs.class,
                        (a, ctx) -> ToolResult.success(SessionOutputs.turn(ctx.turn()).output())))
                .addTool(Tool.readOnly("grep", "Searches the workspace for a regular expression", GrepArgs.class,
                        (a, ctx) -> ToolResult.success(SessionOutputs.turn(ctx.turn()).output())))
                .addTool(Tool.of("run_tests", "Runs a module's tests and shows the log", TestArgs.class,
                        (a, ctx) -> ToolResult.success(SessionOutputs.turn(ctx.turn()).output())))
                .addTool(Tool.of("edit_file", "Replaces an exact text in a file", EditArgs.class,
                        (a, ctx) -> ToolResult.success(SessionOutputs.turn(ctx.turn()).output())))
                .addToolInterceptor(ToolOutputLimit.builder().maxChars(Math.min(25_000, window)).spillDirectory(spill).build())
                .addModelInterceptor(compaction.apply(Compaction.builder().model(model).contextWindow(window)).build())
                .build();
        RunResult result = agent.run("Make every lookup return Optional.empty() instead of null, and keep the tests green.",
                RunOptions.builder().limits(Limits.builder().maxTurns(turns + 5).maxConsecutiveToolErrors(1000).build())
                        .build());

        long input = 0;
        long eligible = 0;
        boolean trace = Boolean.getBoolean("cacheSession.trace");
        for (int i = 1; i < agentRequests.size(); i++) {
            long size = ESTIMATE.count(agentRequests.get(i));
            long prefix = commonPrefix(agentRequests.get(i - 1), agentRequests.get(i));
            input += size;
            eligible += prefix;
            if (trace) {
                System.out.printf("  request %3d: %,7d tokens, %,7d repeated%s%n", i + 1, size, prefix,
                        prefix < ESTIMATE.count(agentRequests.get(i - 1)) ? "  <- prefix changed" : "");
            }
        }
        long largest = 0;
        int over = 0;
        long summaryInput = 0;
        List<ModelRequest> all = new ArrayList<>(agentRequests);
        all.addAll(summaryRequests);
        for (ModelRequest r : all) {
            long size = Math.round(ESTIMATE.count(r) * TRUTH) + Math.max(0, r.maxOutputTokens());
            largest = Math.max(largest, size);
            over += size > window ? 1 : 0;
        }
        for (ModelRequest r : summaryRequests) {
            summaryInput += ESTIMATE.count(r);
        }
        return new Report(window, result, agentRequests.size(), summaryRequests.size(), input, eligible, largest,
                summaryInput, over);
    }

    static final String INSTRUCTIONS = "You are a careful coding agent working in a Java repository. Read before you"
            + " edit, keep changes small, run the tests after each change, and report what you changed.";

    /** The estimated tokens of the longest exact prefix {@code next} shares with {@code previous}. */
    static long commonPrefix(ModelRequest previous, ModelRequest next) {
        if (!previous.system().equals(next.system()) || !previous.tools().equals(next.tools())) {
            return 0;
        }
        List<Message> a = previous.messages();
        List<Message> b = next.messages();
        int i = 0;
        while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
            i++;
        }
        return ESTIMATE.count(next.toBuilder().messages(b.subList(0, i)).build());
    }

    /** How many tool calls the request shows answered: the number in the id of its last tool result. */
    static int toolCallsAnswered(ModelRequest request) {
        Message last = request.messages().get(request.messages().size() - 1);
        if (last instanceof ToolResultMessage r) {
            return Integer.parseInt(r.outputs().get(0).toolUseId().substring("call-".length()));
        }
        return 0;
    }

    /** A summary of realistic length: it grows with each extension, up to most of its output cap. */
    static String summary(int n, int maxTokens) {
        StringBuilder sb = new StringBuilder("Goal: make every lookup return Optional.empty() instead of null.\n");
        int target = Math.min(maxTokens * 3, 1500 + 400 * n);
        for (int i = 1; sb.length() < target; i++) {
            sb.append("- Step ").append(i).append(" (checkpoint ").append(n).append("): read and changed")
                    .append(" src/main/java/org/example/core/Lookup").append(i).append(".java; tests green.\n");
        }
        return sb.toString();
    }
}
