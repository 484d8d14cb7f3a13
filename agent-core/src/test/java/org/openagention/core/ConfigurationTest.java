// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openagention.core.model.ModelRequest;
import org.openagention.core.model.Price;
import org.openagention.core.model.PriceTable;
import org.openagention.core.model.Usage;
import org.openagention.core.testing.FakeModel;
import org.openagention.core.tool.Tool;
import org.openagention.core.tool.ToolResult;

class ConfigurationTest {
    record A(String a) {}

    @Test
    void agentWithoutModelIsRefused() {
        assertThatThrownBy(() -> Agent.builder().build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("an agent needs a model");
    }

    @Test
    void agentWithTwoToolsOfOneNameIsRefused() {
        Tool t = Tool.of("t", "t", A.class, (a, c) -> ToolResult.success(""));
        assertThatThrownBy(() -> Agent.builder().model(new FakeModel()).addTool(t).addTool(t).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("two tools are named 't'");
    }

    @Test
    void resumeWithoutJournalIsRefused() {
        assertThatThrownBy(() -> Agent.builder().model(new FakeModel()).build().resume("run-1", RunOptions.defaults()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("resume needs the run's journal");
    }

    @Test
    void limitsRefuseNonsense() {
        assertThatThrownBy(() -> Limits.builder().maxTurns(0)).hasMessageContaining("maxTurns must be at least 1: 0");
        assertThatThrownBy(() -> Limits.builder().timeout(Duration.ofSeconds(-1))).hasMessageContaining("negative");
        assertThatThrownBy(() -> Limits.builder().maxRepeatedCalls(1)).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> Limits.builder().maxCostUsd(Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new Usage(-1, 0)).hasMessageContaining("cannot be negative");
        assertThatThrownBy(() -> ModelRequest.builder().temperature(3)).hasMessageContaining("between 0 and 2");
    }

    @Test
    void priceTableFindsDatedModelIdsByLongestPrefix() {
        PriceTable prices = PriceTable.defaults().with("my-model", Price.of(1, 2));
        assertThat(prices.priceOf("claude-sonnet-4-5-20250929")).contains(new Price(3, 15, 0.3, 3.75));
        assertThat(prices.priceOf("gpt-4o-mini-2024-07-18")).contains(new Price(0.15, 0.6, 0.075, 0));
        assertThat(prices.cost("my-model", new Usage(1_000_000, 1_000_000))).isEqualTo(3.0);
        assertThat(prices.cost("unknown", new Usage(5, 5))).isZero();
    }

    @Test
    void agentToBuilderKeepsEverything() {
        FakeModel model = new FakeModel().enqueueText("a");
        Agent a = Agent.builder().name("n").model(model).instructions("i").maxOutputTokens(7).build();
        Agent b = a.toBuilder().build();
        assertThat(b.name()).isEqualTo("n");
        assertThat(b.instructions()).isEqualTo("i");
        assertThat(b.maxOutputTokens()).isEqualTo(7);
        assertThat(b.run("x").finalText()).isEqualTo("a");
    }
}
