// SPDX-License-Identifier: Apache-2.0
package org.openagention.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Schemas from outside (an MCP server's tool schemas) cannot make validation loop or throw. */
class SchemaValidatorTest {

    @Test
    void aReferenceBackToItselfForTheSameValueIsReportedNotFollowedForever() {
        // Followed blindly, each level doubles the work: 2^64 checks before the depth limit.
        SchemaValidator v = SchemaValidator.of("{\"allOf\":[{\"$ref\":\"#\"},{\"$ref\":\"#\"}]}");

        List<String> errors = v.validate(Json.parseTrusted("{\"a\":[1,2,3]}"));

        assertThat(errors).isNotEmpty().allMatch(e -> e.contains("schema reference # leads back to itself"));
    }

    @Test
    void aRecursiveSchemaThatReadsTheValueStillValidatesDeepValues() {
        SchemaValidator v = SchemaValidator.of("{\"type\":\"object\",\"properties\":{\"next\":{\"$ref\":\"#\"},"
                + "\"n\":{\"type\":\"integer\"}}}");

        assertThat(v.validate(Json.parseTrusted("{\"n\":1,\"next\":{\"n\":2,\"next\":{\"n\":3}}}"))).isEmpty();
        assertThat(v.validate(Json.parseTrusted("{\"n\":1,\"next\":{\"n\":\"two\"}}")))
                .containsExactly("$.next.n: expected integer but got string \"two\"");
    }

    @Test
    void numbersTooLargeForADecimalCompareAsInfinities() {
        SchemaValidator v = SchemaValidator.of("{\"type\":\"number\",\"maximum\":10,\"multipleOf\":2}");

        assertThat(v.validate(Json.parseTrusted("1e400"))).hasSize(2)
                .anyMatch(e -> e.contains("above the maximum")).anyMatch(e -> e.contains("not a multiple of 2"));
        assertThat(SchemaValidator.of("{\"type\":\"integer\"}").validate(Json.parseTrusted("1e400"))).hasSize(1);
        assertThat(SchemaValidator.of("{\"minimum\":1e400}").validate(Json.parseTrusted("5"))).hasSize(1);
    }
}
