package io.alertbridge.connectors.slack.channels;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentChannelNamesTest {

    @Test
    void shouldDeriveSlackChannelNamesFromIncidents() {
        assertThat(IncidentChannelManager.channelName("inc-", "INC-7F3A")).isEqualTo("inc-7f3a");
        assertThat(IncidentChannelManager.channelName("Payments Incident ", "INC-7F3A"))
                .isEqualTo("payments-incident-7f3a");
        assertThat(IncidentChannelManager.sanitise("#--Ops.War Room!!--")).isEqualTo("ops-war-room");
        assertThat(IncidentChannelManager.sanitise("x".repeat(100))).hasSize(80);
    }
}
