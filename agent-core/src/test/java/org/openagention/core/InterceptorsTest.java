// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.openagention.core.model.ModelResponse;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.testing.RecordingListener;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolInterceptor;
import org.openagention.core.tool.ToolResult;

class InterceptorsTest {
    record Text(String text) {}

    static final Tool ECHO = Tool.of("echo", "Echoes", Text.class, (a, ctx) -> ToolResult.success("echo:" + a.text()));

    @Test
    void modelInterceptorsRunFirstOutermostAndMayRewriteTheRequest() {
        List<String> trace = new CopyOnWriteArrayList<>();
        ModelInterceptor outer = chain -> {
            trace.add("outer>");
            ModelResponse r = chain.proceed(chain.request().toBuilder().system("rewritten").build());
            trace.add("<outer");
            return r;
        };
        ModelInterceptor inner = chain -> {
            trace.add("inner>" + chain.request().system() + "@" + chain.turn());
            ModelResponse r = chain.proceed(chain.request());
            trace.add("<inner");
            return r;
        };
        FakeModel model = new FakeModel().enqueueText("ok");
        Agent.builder().model(model).instructions("original").addModelInterceptor(outer).addModelInterceptor(inner)
                .build().run("go");
        assertThat(trace).containsExactly("outer>", "inner>rewritten@1", "<inner", "<outer");
        assertThat(model.takeRequest().system()).isEqualTo("rewritten");
    }

    @Test
    void aModelInterceptorKnowsTheNameOfTheModelItsChainEndsIn() {
        List<String> names = new CopyOnWriteArrayList<>();
        Agent.builder().model(new FakeModel("acme:model-7").enqueueText("ok")).addModelInterceptor(chain -> {
            names.add(chain.modelName());
            return chain.proceed(chain.request());
        }).build().run("go");
        assertThat(names).containsExactly("acme:model-7");
    }

    @Test
    void modelInterceptorCanShortCircuitWithoutCallingTheModel() {
        FakeModel model = new FakeModel();
        RunResult r = Agent.builder().model(model).addModelInterceptor(chain -> ModelResponse.ofText("cached answer"))
                .build().run("go");
        assertThat(r.finalText()).isEqualTo("cached answer");
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void toolInterceptorsRunInOrderAndMayShortCircuit() {
        List<String> trace = new CopyOnWriteArrayList<>();
        ToolInterceptor audit = chain -> {
            trace.add("audit " + chain.call().name());
            return chain.proceed(chain.call());
        };
        ToolInterceptor guard = chain -> {
            trace.add("guard " + chain.call().argumentsJson());
            if (chain.call().argumentsJson().contains("secret")) {
                return ToolResult.error(ToolResult.ErrorKind.DENIED, "denied: secrets stay put");
            }
            return chain.proceed(chain.call().withArguments("{\"text\":\"upper\"}"));
        };
        FakeModel model = new FakeModel().enqueueToolCall("echo", "{\"text\":\"secret\"}")
                .enqueueToolCall("echo", "{\"text\":\"fine\"}").enqueueText("done");
        RunResult r = Agent.builder().model(model).addTool(ECHO).addToolInterceptor(audit).addToolInterceptor(guard)
                .build().run("go");
        assertThat(trace).containsExactly("audit echo", "guard {\"text\":\"secret\"}", "audit echo",
                "guard {\"text\":\"fine\"}");
        assertThat(r.transcript().get(2).content().toString()).contains("denied: secrets stay put");
        assertThat(r.transcript().get(4).content().toString()).contains("echo:upper");
    }

    @Test
    void throwingListenerIsIgnoredAndOthersStillHearEverything() {
        RecordingListener events = new RecordingListener();
        FakeModel model = new FakeModel().enqueueToolCall("echo", "{\"text\":\"a\"}").enqueueText("done");
        RunResult r = Agent.builder().model(model).addTool(ECHO)
                .addListener(e -> {
                    throw new IllegalStateException("listener bug");
                })
                .addListener(events).build().run("go");
        assertThat(r.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(events.events()).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                "RunStarted", "TurnStarted", "ModelRequested", "ModelResponded", "ToolCallStarted", "ToolCallFinished",
                "TurnStarted", "ModelRequested", "ModelResponded", "RunFinished");
        assertThat(events.events()).allSatisfy(e -> assertThat(e.runId()).isEqualTo(r.runId()));
    }

    @Test
    void streamingRunPublishesDeltasAndSameTranscript() {
        RecordingListener events = new RecordingListener();
        FakeModel model = new FakeModel().enqueueToolCall("echo", "{\"text\":\"a\"}").enqueueText("done");
        RunResult r = Agent.builder().model(model).addTool(ECHO).addListener(events).build()
                .run("go", RunOptions.builder().streaming(true).build());
        assertThat(r.finalText()).isEqualTo("done");
        assertThat(events.events(AgentEvent.ModelStreamed.class)).extracting(e -> e.event().getClass().getSimpleName())
                .containsExactly("ToolCallStarted", "ToolCallDelta", "ToolCallFinished", "TextDelta");
    }

    /** A model interceptor with a name, so that errors can be checked for naming it. */
    private record NamedModelInterceptor(String name, ModelInterceptor body) implements ModelInterceptor {
        @Override
        public ModelResponse intercept(Chain chain) {
            return body.intercept(chain);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @Test
    void modelInterceptorCallingProceedTwiceFailsTheCallNamingIt() {
        FakeModel model = new FakeModel().enqueueText("one").enqueueText("two");
        RunResult r = Agent.builder().model(model).addModelInterceptor(new NamedModelInterceptor("double-dipper",
                chain -> {
                    chain.proceed(chain.request());
                    return chain.proceed(chain.request());
                })).build().run("go");
        assertThat(r.stopReason()).isEqualTo(StopReason.MODEL_ERROR);
        assertThat(r.detail()).contains("model interceptor double-dipper called proceed() twice");
        assertThat(model.requests()).hasSize(1);
    }

    @Test
    void modelInterceptorReturningNullFailsTheCallNamingIt() {
        FakeModel model = new FakeModel().enqueueText("unused");
        RunResult r = Agent.builder().model(model).addModelInterceptor(new NamedModelInterceptor("silent", chain -> null))
                .build().run("go");
        assertThat(r.stopReason()).isEqualTo(StopReason.MODEL_ERROR);
        assertThat(r.detail()).contains("model interceptor silent returned null");
    }

    @Test
    void anInnerInterceptorsBreachNamesTheInnerOne() {
        FakeModel model = new FakeModel().enqueueText("one").enqueueText("two");
        RunResult r = Agent.builder().model(model)
                .addModelInterceptor(new NamedModelInterceptor("outer", chain -> chain.proceed(chain.request())))
                .addModelInterceptor(new NamedModelInterceptor("inner", chain -> {
                    chain.proceed(chain.request());
                    return chain.proceed(chain.request());
                })).build().run("go");
        assertThat(r.detail()).contains("model interceptor inner called proceed() twice").doesNotContain("outer");
    }
}
