// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openagention.core.message.Content;
import org.openagention.core.message.ToolResultMessage;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

class ToolExecutionTest {
    record Key(String key) {}

    @Test
    void readOnlyCallsOfOneTurnRunInParallel() {
        // Each call waits at a barrier that only opens when all three are inside their handler at once;
        // run one after another they would time out and report an error instead.
        CyclicBarrier together = new CyclicBarrier(3);
        Tool look = Tool.readOnly("look", "Reads", Key.class, (a, ctx) -> {
            together.await(5, TimeUnit.SECONDS);
            return ToolResult.success("saw " + a.key());
        });
        FakeModel model = new FakeModel()
                .enqueueToolCalls("look", "{\"key\":\"a\"}", "look", "{\"key\":\"b\"}", "look", "{\"key\":\"c\"}")
                .enqueueText("done");
        RunResult r = Agent.builder().model(model).addTool(look).build().run("go");
        ToolResultMessage results = (ToolResultMessage) r.transcript().get(2);
        assertThat(results.outputs()).extracting(o -> o.result().text()).containsExactly("saw a", "saw b", "saw c");
        assertThat(results.outputs()).extracting(Content.ToolOutput::toolUseId).containsExactly("call_1", "call_2", "call_3");
    }

    @Test
    void mutatingCallsRunOneAtATimeInOrder() {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        List<String> order = new CopyOnWriteArrayList<>();
        Tool write = Tool.of("write", "Writes", Key.class, (a, ctx) -> {
            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            order.add(a.key());
            inside.decrementAndGet();
            return ToolResult.success("wrote " + a.key());
        });
        Tool read = Tool.readOnly("read", "Reads", Key.class, (a, ctx) -> {
            order.add("r" + a.key());
            return ToolResult.success("read " + a.key());
        });
        FakeModel model = new FakeModel().enqueueToolCalls("write", "{\"key\":\"1\"}", "read", "{\"key\":\"2\"}",
                "write", "{\"key\":\"3\"}", "write", "{\"key\":\"4\"}").enqueueText("done");
        RunResult r = Agent.builder().model(model).addTool(write).addTool(read).build().run("go");
        assertThat(order).containsExactly("1", "r2", "3", "4");
        assertThat(maxInside.get()).isEqualTo(1);
        assertThat(r.stopReason()).isEqualTo(StopReason.COMPLETED);
    }

    @Test
    void everyBadCallBecomesAResultTheModelSeesNextTurn() {
        Tool write = Tool.of("write", "Writes", Key.class, (a, ctx) -> {
            throw new IllegalStateException("locked");
        });
        FakeModel model = new FakeModel()
                .enqueueToolCalls("nope", "{}", "write", "{\"key\":", "write", "{\"key\":5}", "write", "{\"key\":\"k\"}")
                .enqueueText("I will stop");
        RunResult r = Agent.builder().model(model).addTool(write).build().run("go");
        assertThat(r.stopReason()).isEqualTo(StopReason.COMPLETED);
        ToolResultMessage results = (ToolResultMessage) r.transcript().get(2);
        assertThat(results.outputs()).extracting(o -> ((ToolResult.Error) o.result()).kind()).containsExactly(
                ToolResult.ErrorKind.UNKNOWN_TOOL, ToolResult.ErrorKind.INVALID_ARGUMENTS,
                ToolResult.ErrorKind.INVALID_ARGUMENTS, ToolResult.ErrorKind.HANDLER_EXCEPTION);
        // The second request carries all four errors back to the model.
        model.takeRequest();
        List<?> secondRequestMessages = model.takeRequest().messages();
        assertThat(secondRequestMessages).hasSize(3);
        assertThat(secondRequestMessages.get(2)).isEqualTo(results);
        assertThat(results.outputs().get(3).result().text()).contains("IllegalStateException: locked");
    }
}
