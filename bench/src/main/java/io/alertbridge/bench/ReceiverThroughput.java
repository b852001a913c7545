package io.alertbridge.bench;

import io.alertbridge.connectors.receivers.DeliverySettings;
import io.alertbridge.connectors.receivers.Destination;
import io.alertbridge.connectors.receivers.ReceiverId;
import io.alertbridge.connectors.receivers.ReceiverProbe;
import io.alertbridge.connectors.receivers.ReceiverSink;
import io.alertbridge.connectors.receivers.pagerduty.PagerDutyConfig;
import io.alertbridge.connectors.receivers.pagerduty.PagerDutyDestination;
import io.alertbridge.connectors.receivers.pagerduty.PagerDutyEvent;
import io.alertbridge.connectors.receivers.pagerduty.PagerDutyPlan;
import io.alertbridge.connectors.receivers.webhook.WebhookBody;
import io.alertbridge.connectors.receivers.webhook.WebhookConfig;
import io.alertbridge.connectors.receivers.webhook.WebhookDestination;
import io.alertbridge.connectors.receivers.webhook.WebhookSignature;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.receivers.LocalPagerDuty;
import io.alertbridge.devkit.receivers.LocalWebhookReceiver;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.serde.JsonSerde;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.TestKitKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * Incident changes per second delivered by each receiver beside Slack (webhook, PagerDuty) from the incidents topic
 * of the in-process broker to its local stand-in, next to a plain HTTP loop that POSTs the same bodies to the same
 * stand-in one after the other (the webhook's signed as the receiver signs them), in the same run; alternating
 * rounds, medians and their ratio. The receiver's extra work is Kafka (consuming, a commit per delivered change), the
 * routing, the plan and the classification.
 *
 * <p>Args: {@code [changes] [rounds]} (defaults 2,000 and 3). Run: {@code bench/run ReceiverThroughput 2000 3}.
 */
public final class ReceiverThroughput {

    private static final String SECRET = "whsec_bench";
    private static final String KEY = "R0UTINGKEYBENCH00000000000000001";
    private static final JsonSerde<Incident> INCIDENTS = JsonSerde.of(Incident.class);
    private static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");

    private ReceiverThroughput() {}

    public static void main(String[] args) throws Exception {
        int changes = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (EmbeddedKafka kafka = TestKitKafka.start();
                LocalWebhookReceiver hooks = LocalWebhookReceiver.start(SECRET);
                LocalPagerDuty pagerDuty = LocalPagerDuty.start(Set.of(KEY));
                Admin admin = kafka.admin()) {
            Map<String, Object> client = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            List<double[]> webhook = new ArrayList<>();
            List<double[]> pager = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                Topics topics = Topics.withPrefix("bench-receivers-" + round + ".");
                admin.createTopics(List.of(
                                new NewTopic(topics.incidents().name(), 2, (short) 1),
                                new NewTopic(topics.deadLetters().name(), 1, (short) 1)))
                        .all()
                        .get();
                List<Incident> incidents = incidents(changes, round);
                produce(client, topics, incidents);
                WebhookConfig hook = WebhookConfig.of(hooks.url("bench"), SECRET);
                int hooksBefore = hooks.deliveries().size();
                double receiverHook = receiver(
                        new WebhookDestination("bench", hook, Clock.systemUTC()),
                        settings("bench-webhook-" + round),
                        client,
                        topics,
                        () -> hooks.deliveries().size() - hooksBefore,
                        changes);
                double plainHook = plainWebhook(hooks.url("bench"), incidents);
                webhook.add(new double[] {receiverHook, plainHook});
                PagerDutyConfig service = PagerDutyConfig.of(KEY, pagerDuty.url(), null);
                int eventsBefore = pagerDuty.events().size();
                double receiverPd = receiver(
                        new PagerDutyDestination("bench", service, Clock.systemUTC()),
                        settings("bench-pagerduty-" + round),
                        client,
                        topics,
                        () -> pagerDuty.events().size() - eventsBefore,
                        changes);
                double plainPd = plainPagerDuty(pagerDuty.url(), incidents);
                pager.add(new double[] {receiverPd, plainPd});
                System.out.printf(
                        "round %d: webhook %.0f vs plain %.0f changes/s; pagerduty %.0f vs plain %.0f changes/s%n",
                        round, receiverHook, plainHook, receiverPd, plainPd);
            }
            report("webhook", webhook);
            report("pagerduty", pager);
        }
    }

    private static DeliverySettings settings(String group) {
        return new DeliverySettings(
                group, Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(5));
    }

    /** Changes per second of a receiver, from its start to the stand-in counting {@code changes}. */
    private static <M> double receiver(
            Destination<M> destination,
            DeliverySettings settings,
            Map<String, Object> client,
            Topics topics,
            IntSupplier delivered,
            int changes)
            throws InterruptedException {
        RouteRule route = new RouteRule(
                "bench",
                1,
                null,
                "#bench",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of("webhook:bench", "pagerduty:bench"),
                null,
                null);
        Function<String, Optional<RouteRule>> routes = id -> Optional.of(route);
        long started = System.nanoTime();
        try (ReceiverSink sink = ReceiverSink.start(
                destination, settings, client, topics, routes, new SimpleMeterRegistry(), ReceiverProbe.NONE)) {
            while (delivered.getAsInt() < changes) {
                Thread.sleep(5); // CHECKSTYLE:OK a benchmark polling the stand-in's count
            }
            return changes / ((System.nanoTime() - started) / 1e9);
        }
    }

    /** The same webhook bodies POSTed one after the other, signed, by a bare client. */
    private static double plainWebhook(URI url, List<Incident> incidents) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ReceiverId id = ReceiverId.webhook("plain");
        long started = System.nanoTime();
        for (Incident incident : incidents) {
            byte[] body = WebhookBody.of(id, incident, null);
            HttpRequest request = HttpRequest.newBuilder(url)
                    .header("Content-Type", "application/json")
                    .header(
                            WebhookSignature.HEADER,
                            WebhookSignature.header(SECRET, Instant.now().getEpochSecond(), body))
                    .header("Idempotency-Key", "plain:" + incident.incidentId())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            check(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        return incidents.size() / ((System.nanoTime() - started) / 1e9);
    }

    /** The same trigger events POSTed one after the other by a bare client. */
    private static double plainPagerDuty(URI base, List<Incident> incidents) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI enqueue = URI.create(base + "/v2/enqueue");
        long started = System.nanoTime();
        for (Incident incident : incidents) {
            byte[] body = PagerDutyEvent.of(
                    KEY,
                    PagerDutyPlan.Action.TRIGGER,
                    incident.toBuilder().incidentId("P" + incident.incidentId()).build(),
                    "bench");
            HttpRequest request = HttpRequest.newBuilder(enqueue)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            check(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        return incidents.size() / ((System.nanoTime() - started) / 1e9);
    }

    private static void check(int status) {
        if (status / 100 != 2) {
            throw new IllegalStateException("the stand-in answered " + status);
        }
    }

    private static List<Incident> incidents(int count, int round) {
        List<Incident> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = "INC-" + round + "-" + i;
            out.add(Incident.builder()
                    .groupKey("bench|" + id)
                    .incidentId(id)
                    .version(1)
                    .state(IncidentState.OPEN)
                    .severity(Severity.CRITICAL)
                    .title("api-5xx-" + i + " is in ALARM")
                    .routeId("bench")
                    .channel("#bench")
                    .groupLabels(Map.of("service", "api", "resource", "i-" + i))
                    .firstSeen(T0)
                    .lastSeen(T0)
                    .alertCount(1)
                    .build());
        }
        return out;
    }

    private static void produce(Map<String, Object> client, Topics topics, List<Incident> incidents) {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Incident incident : incidents) {
                producer.send(new ProducerRecord<>(
                        topics.incidents().name(),
                        incident.groupKey().getBytes(StandardCharsets.UTF_8),
                        INCIDENTS.toBytes(incident)));
            }
            producer.flush();
        }
    }

    private static void report(String name, List<double[]> rounds) {
        double receiver = median(rounds.stream().mapToDouble(r -> r[0]).toArray());
        double plain = median(rounds.stream().mapToDouble(r -> r[1]).toArray());
        System.out.printf(
                "%-10s receiver %8.0f changes/s   plain HTTP loop %8.0f changes/s   receiver / plain %.2f%n",
                name, receiver, plain, receiver / plain);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
