// SPDX-License-Identifier: Apache-2.0
package org.openagention.otel;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openagention.otel.Traces.attr;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openagention.core.Agent;
import org.openagention.core.RetryPolicy;
import org.openagention.core.RunResult;
import org.openagention.core.StopReason;
import org.openagention.core.model.Model;
import org.openagention.core.providers.OpenAiModel;
import org.openagention.core.testing.Fault;
import org.openagention.core.testing.FaultyProvider;
import org.openagention.core.testing.Reply;

/** A real provider on a loopback port: what its requests carry, and how its failures are recorded. */
class ProviderTracingTest {
    private final Traces traces = new Traces();

    @AfterEach
    void close() {
        traces.close();
    }

    private Agent agent(FaultyProvider provider) {
        Model model = OpenAiModel.builder().apiKey("test-key").baseUrl(provider.baseUrl()).model("gpt-4o-mini")
                .http(h -> h.retryPolicy(RetryPolicy.none())).build();
        return OpenTelemetryAgents.instrument(Agent.builder(), traces.sdk).name("helper").model(model).build();
    }

    @Test
    void theProviderRequestCarriesTheChatSpanAsTraceparent() {
        try (FaultyProvider provider = FaultyProvider.openAi().then(Reply.text("hello")).start()) {
            RunResult result = agent(provider).run("hi");

            assertThat(result.finalText()).isEqualTo("hello");
            SpanData chat = traces.span("chat gpt-4o-mini");
            assertThat(provider.requests()).singleElement().satisfies(r -> assertThat(r.header("traceparent"))
                    .contains("00-" + chat.getTraceId() + "-" + chat.getSpanId() + "-"
                            + chat.getSpanContext().getTraceFlags().asHex()));
            assertThat(attr(chat, stringKey("gen_ai.provider.name"))).isEqualTo("openai");
        }
    }

    @Test
    void aFailedProviderCallIsAnErrorSpanWithTheExceptionsTypeAndEndsTheRunInError() {
        try (FaultyProvider provider = FaultyProvider.openAi().then(Fault.status(400)).start()) {
            RunResult result = agent(provider).run("hi");

            assertThat(result.stopReason()).isEqualTo(StopReason.MODEL_ERROR);
            SpanData chat = traces.span("chat gpt-4o-mini");
            assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(attr(chat, stringKey("error.type"))).isEqualTo("org.openagention.core.model.InvalidRequestException");
            assertThat(attr(chat, longKey("http.response.status_code"))).isEqualTo(400L);
            assertThat(chat.getEvents()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception"));
            SpanData run = traces.span("invoke_agent helper");
            assertThat(chat.getParentSpanId()).isEqualTo(run.getSpanId());
            assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(attr(run, stringKey("error.type"))).isEqualTo("org.openagention.core.model.InvalidRequestException");
            assertThat(attr(run, stringKey("openagention.stop_reason"))).isEqualTo("model_error");
            assertThat(traces.histogram("gen_ai.client.operation.duration")).singleElement()
                    .satisfies(p -> assertThat(p.getAttributes().get(stringKey("error.type")))
                            .isEqualTo("org.openagention.core.model.InvalidRequestException"));
            assertThat(traces.histogram("gen_ai.client.token.usage")).isEmpty();
        }
    }

    @Test
    void aServerErrorIsRecordedWithItsOwnType() {
        try (FaultyProvider provider = FaultyProvider.openAi().then(Fault.status(500)).start()) {
            agent(provider).run("hi");

            SpanData chat = traces.span("chat gpt-4o-mini");
            assertThat(attr(chat, stringKey("error.type"))).isEqualTo("org.openagention.core.model.ServerException");
            assertThat(attr(chat, longKey("http.response.status_code"))).isEqualTo(500L);
        }
    }
}
