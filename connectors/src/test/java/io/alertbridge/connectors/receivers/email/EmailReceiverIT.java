package io.alertbridge.connectors.receivers.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.alertbridge.connectors.receivers.ReceiverHarness;
import io.alertbridge.connectors.receivers.ReceiverProbe;
import io.alertbridge.connectors.receivers.ReceiverSink;
import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.testkit.junit.DevkitExtension;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The e-mail receiver against a real SMTP server in-process (GreenMail) with the in-process broker: one thread per
 * incident, a mail per state change with the updates between batched into it, hostile alarm text escaped and kept
 * out of the headers; and a mail server that is down at first, caught up with nothing lost.
 */
@ExtendWith(DevkitExtension.class)
class EmailReceiverIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ReceiverSink start(ReceiverHarness harness, EmailDestination destination, EmailConfig config) {
        return harness.start(
                destination,
                config.delivery("ops"),
                ReceiverHarness.payments("slack", "email:ops"),
                ReceiverProbe.NONE,
                Map.of());
    }

    private static EmailConfig config(int port, ReceiverHarness harness) {
        return EmailConfig.of("127.0.0.1", port, "alertbridge@example.com", List.of("ops@example.com"), false)
                .withRetries(
                        Duration.ofMillis(100),
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(5),
                        "mail-" + harness.topics.prefix());
    }

    @Test
    void shouldMailEachStateChangeInOneThreadWithHostileTextEscaped(EmbeddedKafka kafka) throws Exception {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        try (ReceiverHarness harness = new ReceiverHarness(kafka, 2)) {
            EmailConfig config = config(smtp.getSmtp().getPort(), harness);
            try (EmailDestination destination = new EmailDestination("ops", config)) {
                start(harness, destination, config);
                String hostile = "api <script>alert(1)</script> & co\r\nBcc: victim@example.com";
                Incident open = Incidents.open("INC-M", "#pay").toBuilder()
                        .title(hostile)
                        .build();
                Incident stillOpen = open.toBuilder()
                        .version(2)
                        .members(List.of(Incidents.alarm(AlertStatus.FIRING), Incidents.member(2, AlertStatus.FIRING)))
                        .build();
                Incident acknowledged = stillOpen.toBuilder()
                        .version(3)
                        .state(IncidentState.ACKNOWLEDGED)
                        .acknowledgedBy("U1")
                        .build();
                Incident resolved = acknowledged.toBuilder()
                        .version(4)
                        .state(IncidentState.RESOLVED)
                        .build();

                harness.send(open);
                Awaitility.await().atMost(WAIT).until(() -> smtp.getReceivedMessages().length == 1);
                harness.send(stillOpen);
                harness.send(acknowledged);
                Awaitility.await().atMost(WAIT).until(() -> smtp.getReceivedMessages().length == 2);
                harness.send(resolved);
                Awaitility.await().atMost(WAIT).until(() -> smtp.getReceivedMessages().length == 3);
                Awaitility.await().atMost(WAIT).until(() -> harness.allCommitted("mail-" + harness.topics.prefix()));

                MimeMessage[] mails = smtp.getReceivedMessages();
                assertThat(mails).hasSize(3);
                String root = "<INC-M@alertbridge>";
                assertThat(mails[0].getMessageID()).isEqualTo(root);
                assertThat(mails[0].getHeader("In-Reply-To")).isNull();
                for (MimeMessage reply : List.of(mails[1], mails[2])) {
                    assertThat(reply.getHeader("In-Reply-To")).containsExactly(root);
                    assertThat(reply.getHeader("References")).containsExactly(root);
                    assertThat(reply.getMessageID()).isNotEqualTo(root);
                }
                assertThat(mails[1].getSubject()).startsWith("[Alertbridge] ACKNOWLEDGED CRITICAL INC-M: api");
                assertThat(mails[2].getSubject()).startsWith("[Alertbridge] RESOLVED");
                for (MimeMessage mail : mails) {
                    assertThat(mail.getSubject()).doesNotContain("\r").doesNotContain("\n");
                    assertThat(mail.getHeader("Bcc")).isNull();
                    assertThat(mail.getAllRecipients())
                            .extracting(Object::toString)
                            .containsExactly("ops@example.com");
                }
                List<String> parts = parts(mails[0]);
                assertThat(parts).hasSize(2);
                assertThat(parts.get(0)).contains("api <script>alert(1)</script> & co  Bcc: victim@example.com");
                assertThat(parts.get(1))
                        .contains("api &lt;script&gt;alert(1)&lt;/script&gt; &amp; co")
                        .doesNotContain("<script>");
                assertThat(parts(mails[1]).get(0)).contains("ACKNOWLEDGED").contains("2");
            }
        } finally {
            smtp.stop();
        }
    }

    @Test
    void shouldCatchUpWhenTheMailServerComesBack(EmbeddedKafka kafka) throws Exception {
        GreenMail probe = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        probe.start();
        int port = probe.getSmtp().getPort();
        probe.stop();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try (ReceiverHarness harness = new ReceiverHarness(kafka, 2)) {
            EmailConfig config = config(port, harness);
            try (EmailDestination destination = new EmailDestination("ops", config)) {
                ReceiverSink sink = start(harness, destination, config);
                List<Incident> a = ReceiverHarness.lifecycle("INC-DOWN");
                harness.send(a.get(0));
                Awaitility.await().atMost(WAIT).until(() -> sink.health().degraded());
                assertThat(sink.health().detail()).contains("no answer");
                harness.send(a.get(1), a.get(2));
                smtp.start();
                Awaitility.await()
                        .atMost(WAIT)
                        .until(() -> smtp.getReceivedMessages().length >= 1
                                && smtp.getReceivedMessages()[smtp.getReceivedMessages().length - 1]
                                        .getSubject()
                                        .contains("RESOLVED"));
                assertThat(harness.deadLetters()).isEmpty();
            }
        } finally {
            smtp.stop();
        }
    }

    private static List<String> parts(Message mail) throws Exception {
        List<String> out = new ArrayList<>();
        Multipart multipart = (Multipart) mail.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            out.add(part.getContent().toString());
        }
        return out;
    }
}
