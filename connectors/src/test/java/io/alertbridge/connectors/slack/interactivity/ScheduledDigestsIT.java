package io.alertbridge.connectors.slack.interactivity;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.alertbridge.connectors.reports.HistoryIndex;
import io.alertbridge.connectors.reports.HistoryView;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.slack.SlackFile;
import io.alertbridge.devkit.slack.SlackMessage;
import io.alertbridge.schemas.model.IncidentTransition;
import io.alertbridge.schemas.model.IncidentTransition.Kind;
import io.alertbridge.schemas.model.ReportRule;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.testkit.junit.DevkitExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scheduled digests end to end: a scripted incident history on the history topic, interactivity following it, a
 * daily report rule due a minute ago (and one due an hour ago, missed), the digest posted once into the channel of
 * the local workspace with its metadata; then a second instance (a restart, with its own history view) looks too and
 * finds it in the channel, so the channel still holds one digest per period. And two instances that look at the
 * same moment (Slack answering late, so both find nothing) both post, and the later post is deleted.
 */
@ExtendWith(DevkitExtension.class)
class ScheduledDigestsIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    /**
     * Every look happens half a minute after the on-time rule is due. On the system clock a look came as late as
     * the seconds past the minute when {@link #NOW} was taken plus the whole setup (Kafka, history, the other test
     * first), and a digest more than {@link io.alertbridge.connectors.reports.DigestSchedule#ON_TIME} late says
     * "Posted late": a class loaded at hh:mm:59 had only a minute of setup to spare.
     */
    private static final Clock CLOCK = Clock.fixed(NOW.plusSeconds(30), ZoneOffset.UTC);

    private static Harness harness;
    private static Interactivity interactivity;

    @BeforeAll
    static void start(EmbeddedKafka kafka) throws Exception {
        harness = new Harness(kafka, 1);
        TopicSpec<String, IncidentTransition> history = harness.topics.incidentHistory();
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(history.name(), 1, (short) 1)))
                    .all()
                    .get();
        }
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(harness.kafkaProps(), new StringSerializer(), new ByteArraySerializer())) {
            Instant opened = NOW.minus(Duration.ofHours(3));
            for (IncidentTransition t : List.of(
                    transition(Kind.OPENED, opened, null),
                    transition(Kind.ACKNOWLEDGED, opened.plusSeconds(120), "U0ALICE"),
                    transition(Kind.RESOLVED, opened.plusSeconds(900), "U0ALICE"))) {
                producer.send(new ProducerRecord<>(
                        history.name(),
                        t.groupKey(),
                        history.valueSerde().serializer().serialize(history.name(), t)));
            }
            producer.flush();
        }
        interactivity = harness.start(harness.config(), CLOCK);
        await().atMost(Duration.ofSeconds(10)).until(interactivity::historyReady);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static IncidentTransition transition(Kind kind, Instant at, String actor) {
        return new IncidentTransition(
                "INC-D1",
                "checkout|INC-D1",
                "checkout",
                "#alerts",
                Severity.ERROR,
                "checkout",
                kind,
                at,
                NOW.minus(Duration.ofHours(3)),
                actor,
                null,
                null);
    }

    /** A daily rule due at {@code at} (UTC) today, or yesterday when that is still ahead. */
    private static ReportRule daily(String id, String channel, Instant at) {
        return new ReportRule(
                id,
                channel,
                ReportRule.Every.DAY,
                LocalTime.ofInstant(at, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES),
                ZoneOffset.UTC,
                null,
                "route:checkout");
    }

    private static HistoryView historyView() {
        return HistoryView.start(
                harness.topics.incidentHistory(),
                harness.kafkaProps(),
                new SimpleMeterRegistry(),
                HistoryIndex.Bounds.DEFAULT);
    }

    /** A scheduler as another interactivity instance runs it, not started: the test calls its looks. */
    private static ScheduledDigests instance(HistoryView view, List<ReportRule> rules) {
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(harness.workspace.apiUrl());
        slackConfig.getMethodsConfig().setStatsEnabled(false);
        return new ScheduledDigests(
                view,
                Slack.getInstance(slackConfig),
                harness.workspace::botToken,
                () -> rules,
                CLOCK,
                harness.registry);
    }

    /** Digests posted and not deleted by this instance's own check. */
    private static double posted() {
        return harness.count("alertbridge.reports.digests", "outcome", "posted")
                - harness.count("alertbridge.reports.digests", "outcome", "deleted");
    }

    private static List<SlackMessage> digests(String channel) {
        return harness.workspace.messages(channel).stream()
                .filter(m -> DigestPosts.EVENT_TYPE.equals(m.eventType()))
                .toList();
    }

    @Test
    void shouldPostEachDueDigestOnceAcrossARestart() throws Exception {
        ReportRule onTime = daily("daily-checkout", "#alerts", NOW);
        ReportRule missed = daily("daily-late", "payments-alerts", NOW.minus(Duration.ofHours(1)));
        List<ReportRule> rules = List.of(onTime, missed);

        interactivity.scheduleDigests(() -> rules, Duration.ofMillis(200));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> digests("alerts").size() == 1
                        && digests("payments-alerts").size() == 1);
        SlackMessage digest = digests("alerts").get(0);
        assertThat(digest.metadata().path("event_payload").path("period").asText())
                .isEqualTo("daily-checkout@" + LocalDate.ofInstant(NOW, ZoneOffset.UTC));
        assertThat(digest.visibleText())
                .contains("Daily incident report")
                .contains("Incidents opened")
                .contains("route checkout")
                .doesNotContain("Posted late");
        JsonNode chart = null;
        for (JsonNode block : digest.blocks()) {
            if ("image".equals(block.path("type").asText())) {
                chart = block;
            }
        }
        assertThat(chart).as("the digest's chart image").isNotNull();
        assertThat(harness.workspace
                        .file(chart.path("slack_file").path("id").asText())
                        .orElseThrow()
                        .channels())
                .as("the chart is shared to the digest's channel")
                .contains(digest.channel());
        assertThat(digests("payments-alerts").get(0).visibleText())
                .contains("Daily incident report")
                .contains("Posted late");

        // A restart (or a second instance): its own history view, no memory of what was posted.
        try (HistoryView view = historyView();
                ScheduledDigests restarted = instance(view, rules)) {
            await().atMost(Duration.ofSeconds(10)).until(view::isReady);
            int historyReadsBefore =
                    harness.workspace.calls("conversations.history").size();

            double foundBefore = harness.count("alertbridge.reports.digests", "outcome", "found");

            restarted.check();

            assertThat(harness.workspace.calls("conversations.history").size())
                    .as("the restarted instance looked in the channels")
                    .isGreaterThan(historyReadsBefore);
            assertThat(digests("alerts")).hasSize(1);
            assertThat(digests("payments-alerts")).hasSize(1);
            assertThat(harness.count("alertbridge.reports.digests", "outcome", "found") - foundBefore)
                    .isEqualTo(2);
        }
    }

    @Test
    void shouldLeaveOneDigestWhenTwoInstancesLookAtTheSameMoment() throws Exception {
        List<ReportRule> rules = List.of(daily("daily-general", "general", NOW));
        try (HistoryView view = historyView();
                ScheduledDigests first = instance(view, rules);
                ScheduledDigests second = instance(view, rules)) {
            await().atMost(Duration.ofSeconds(10)).until(view::isReady);
            double postedBefore = posted();
            // Slack answers late (its work done on time), so both read the channel before either post is in it.
            harness.workspace.delay(Duration.ofMillis(400));
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService two = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> looks = List.of(
                        two.submit(() -> {
                            go.await();
                            first.check();
                            return null;
                        }),
                        two.submit(() -> {
                            go.await();
                            second.check();
                            return null;
                        }));
                go.countDown();
                for (Future<?> look : looks) {
                    look.get(20, TimeUnit.SECONDS);
                }
            } finally {
                two.shutdownNow();
                harness.workspace.resetFaults();
            }

            assertThat(digests("general"))
                    .as("both may post, but the later one deletes its own")
                    .hasSize(1);
            assertThat(posted() - postedBefore)
                    .as("every post but the one that stays was deleted")
                    .isEqualTo(1);
            SlackMessage kept = digests("general").get(0);
            List<String> charts = harness.workspace.files().stream()
                    .filter(f -> f.channels().contains(kept.channel()) && !f.deleted())
                    .map(SlackFile::id)
                    .toList();
            assertThat(charts)
                    .as("the chart of a deleted digest is deleted with it")
                    .containsExactly(
                            kept.blocks().findPath("slack_file").path("id").asText());
        }
    }
}
