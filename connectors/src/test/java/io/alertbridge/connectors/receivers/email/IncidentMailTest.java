package io.alertbridge.connectors.receivers.email;

import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.schemas.model.Incident;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentMailTest {

    @Test
    void shouldKeepTheSubjectOnOneBoundedLine() {
        Incident incident = Incidents.open("INC-1", "#pay").toBuilder()
                .title("disk full\r\nBcc: victim@example.com\u0000" + "x".repeat(500))
                .build();

        String subject = IncidentMail.subject(incident);

        assertThat(subject).doesNotContain("\r").doesNotContain("\n").doesNotContain("\u0000");
        assertThat(subject)
                .startsWith("[Alertbridge] OPEN CRITICAL INC-1: disk full  Bcc:")
                .hasSize(200);
    }

    @Test
    void shouldEscapeEveryHtmlSpecialCharacter() {
        assertThat(IncidentMail.escape("<a href=\"x\" onclick='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
        assertThat(IncidentMail.escape(null)).isEmpty();
    }

    @Test
    void shouldEscapeAlarmTextInTheHtmlPart() {
        Incident incident = Incidents.open("INC-1", "#pay").toBuilder()
                .title("<img src=x onerror=alert(1)>")
                .build();

        assertThat(IncidentMail.html(incident)).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void shouldThreadEveryMailOfAnIncidentUnderOneRoot() {
        Incident v1 = Incidents.open("INC-1", "#pay");
        Incident v5 = v1.toBuilder().version(5).build();

        assertThat(IncidentMail.threadId(v1))
                .isEqualTo(IncidentMail.threadId(v5))
                .isEqualTo("<INC-1@alertbridge>");
        assertThat(IncidentMail.messageId(v5)).isEqualTo("<INC-1.v5@alertbridge>");
        assertThat(IncidentMail.threadId(v1.toBuilder().incidentId("INC 1>\r\n").build()))
                .isEqualTo("<INC_1___@alertbridge>");
    }
}
