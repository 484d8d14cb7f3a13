// SPDX-License-Identifier: Apache-2.0
package org.openagention.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openagention.core.testing.FakeModel;

class StructuredMapOutputTest {
    record Score(int points, List<String> reasons) {}

    record Review(Map<String, Score> scoresByFile, Map<String, Object> metadata) {}

    @Test
    void typedOutputWithMapsIsValidatedPerEntryAndBound() {
        FakeModel model = new FakeModel()
                .enqueueText("{\"scoresByFile\":{\"a.java\":{\"points\":\"high\",\"reasons\":[]}},\"metadata\":{}}")
                .enqueueText("{\"scoresByFile\":{\"a.java\":{\"points\":3,\"reasons\":[\"tests\"]},"
                        + "\"b.java\":{\"points\":1,\"reasons\":[]}},\"metadata\":{\"reviewer\":\"bot\",\"round\":2}}");
        Agent agent = Agent.builder().model(model).build();

        TypedResult<Review> result = agent.run("Review the change", OutputSpec.of(Review.class));
        Review review = result.value();
        assertThat(result.attempts()).isEqualTo(2);

        assertThat(review.scoresByFile()).containsOnlyKeys("a.java", "b.java");
        assertThat(review.scoresByFile().get("a.java")).isEqualTo(new Score(3, List.of("tests")));
        assertThat(review.metadata()).containsEntry("reviewer", "bot").containsEntry("round", 2);
        model.takeRequest();
        assertThat(model.takeRequest().messages().get(2).text())
                .contains("$.scoresByFile['a.java'].points: expected integer but got string \"high\"");
    }
}
