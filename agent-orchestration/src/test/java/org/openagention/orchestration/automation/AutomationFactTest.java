// SPDX-License-Identifier: Apache-2.0
package org.openagention.orchestration.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openagention.core.journal.JournalException;

class AutomationFactTest {
    @Test
    void factsComeBackFromTheirJsonAlone() {
        List<AutomationFact> facts = List.of(new AutomationFact.Triggered("nightly", "schedule fired", List.of()),
                new AutomationFact.Triggered("on-push", "new commits", List.of("abc123 Fix", "def456 Add")),
                new AutomationFact.StatusChanged(AutomationStatus.FAILED, "the agent stopped", "agent-7"));

        for (AutomationFact fact : facts) {
            String json = AutomationFact.encode(fact);
            assertThat(json).startsWith("{\"fact\":\"" + AutomationFact.typeOf(fact) + "\"");
            assertThat(AutomationFact.decode(json)).isEqualTo(fact);
        }
    }

    @Test
    void aRenamedFieldIsRefusedNamingIt() {
        String json = AutomationFact.encode(new AutomationFact.StatusChanged(AutomationStatus.COMPLETED, "", "agent-1"))
                .replace("\"agentRunId\"", "\"runId\"");

        assertThatThrownBy(() -> AutomationFact.decode(json)).isInstanceOf(JournalException.class)
                .hasMessage("automation fact automation.status: field 'agentRunId' is missing");
    }
}
