package io.alertbridge.bench;

import com.sun.net.httpserver.HttpServer;
import io.alertbridge.connectors.slack.interactivity.Interactivity;
import io.alertbridge.connectors.slack.interactivity.InteractivityConfig;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.TimelineEntry;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.TestKitKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * How long Slack waits for {@code /alerts list} with 10,000 incidents in the view (goal: under 100 ms).
 *
 * <p>The whole HTTP path as Slack drives it: a signed {@code POST /slack/events} over real HTTP to the handler the
 * launcher mounts, Bolt's signature check, the command handler, the answer built from the view, the JSON reply.
 * The view is loaded from a real compacted incidents topic on the in-process broker: 10,000 unresolved incidents
 * (8,000 open, 2,000 acknowledged) over 50 services, 4 severities and 5 channels.
 *
 * <p>Baseline, measured in the same run: {@code /alerts help}, the same path without touching the view. Requests are
 * sequential (latency, not throughput) after a warm-up. Run: {@code bench/run AlertsListLatency [incidents]
 * [requests]}.
 *
 * <p>The JDK's HTTP server (the launcher's ops server) sets {@code TCP_NODELAY} only when
 * {@code sun.net.httpserver.nodelay} is true; without it, its separate header and body writes meet the client's
 * delayed ACK and every answer waits about 40 ms. The launcher sets it at start, so this benchmark does too, unless
 * the JVM is given {@code -Dsun.net.httpserver.nodelay=false} (to see that cost).
 */
public final class AlertsListLatency {

    private static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");
    private static final String[] CHANNELS = {"#alerts", "#payments-alerts", "#db-alerts", "#web-alerts", "#ml"};

    private AlertsListLatency() {}

    public static void main(String[] args) throws Exception {
        int incidents = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        System.out.printf("sun.net.httpserver.nodelay=%s%n", Boolean.getBoolean("sun.net.httpserver.nodelay"));
        Topics topics = Topics.withPrefix("bench" + Long.toString(System.nanoTime(), 36) + ".");
        try (EmbeddedKafka kafka = TestKitKafka.start();
                LocalSlackWorkspace workspace = LocalSlackWorkspace.start()) {
            Properties props = new Properties();
            props.put("bootstrap.servers", kafka.bootstrapServers());
            createTopics(kafka, topics);
            long loaded = load(props, topics.incidents(), incidents);
            System.out.printf(
                    "wrote %d incidents to %s in %d ms%n",
                    incidents, topics.incidents().name(), loaded);

            long started = System.nanoTime();
            try (Interactivity interactivity = Interactivity.start(
                    InteractivityConfig.http(workspace.signingSecret(), workspace.botToken()).toBuilder()
                            .apiUrl(workspace.apiUrl())
                            .topicPrefix(topics.prefix())
                            .build(),
                    props,
                    new SimpleMeterRegistry())) {
                while (!interactivity.isReady() || interactivity.viewSize() < incidents) {
                    LockSupport.parkNanos(10_000_000L);
                }
                System.out.printf(
                        "view ready with %d incidents after %d ms%n",
                        interactivity.viewSize(), (System.nanoTime() - started) / 1_000_000);
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                ExecutorService executor = Executors.newFixedThreadPool(4);
                server.setExecutor(executor);
                server.createContext(
                        interactivity.path(), interactivity.httpHandler().orElseThrow());
                server.start();
                try {
                    run(new Client(server, interactivity.path(), workspace.signingSecret()), requests);
                } finally {
                    server.stop(0);
                    executor.shutdownNow();
                }
            }
        }
    }

    private static void run(Client client, int requests) throws Exception {
        String[][] cases = {
            {"/alerts help (baseline)", "help"},
            {"/alerts list", "list"},
            {"/alerts list (filtered)", "list severity=critical service=svc-7"},
            {"/alerts show INC-…", "show INC-00042"},
        };
        for (String[] c : cases) {
            for (int i = 0; i < Math.max(100, requests / 2); i++) {
                client.command(c[1]);
            }
        }
        System.out.printf(
                "%-26s %8s %8s %8s %8s %8s %9s%n",
                "request", "p50 ms", "p90 ms", "p99 ms", "max ms", "mean ms", "bytes");
        double[] baseline = null;
        for (String[] c : cases) {
            double[] millis = new double[requests];
            int bytes = 0;
            for (int i = 0; i < requests; i++) {
                long t = System.nanoTime();
                HttpResponse<String> response = client.command(c[1]);
                millis[i] = (System.nanoTime() - t) / 1e6;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(
                            c[0] + " answered " + response.statusCode() + ": " + response.body());
                }
                bytes = response.body().length();
            }
            Arrays.sort(millis);
            if (baseline == null) {
                baseline = millis;
            }
            System.out.printf(
                    "%-26s %8.2f %8.2f %8.2f %8.2f %8.2f %9d%n",
                    c[0],
                    pct(millis, 50),
                    pct(millis, 90),
                    pct(millis, 99),
                    millis[millis.length - 1],
                    Arrays.stream(millis).average().orElse(0),
                    bytes);
            if (baseline != millis) {
                System.out.printf(
                        "%-26s ratio to baseline: p50 %.2fx, p99 %.2fx%n",
                        "", pct(millis, 50) / pct(baseline, 50), pct(millis, 99) / pct(baseline, 99));
            }
            if (c[1].equals("list")) {
                System.out.printf("%-26s goal p99 < 100 ms: %s%n", "", pct(millis, 99) < 100 ? "met" : "NOT met");
            }
        }
    }

    private static double pct(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void createTopics(EmbeddedKafka kafka, Topics topics) throws Exception {
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(
                            new NewTopic(topics.incidents().name(), 3, (short) 1)
                                    .configs(Map.of("cleanup.policy", "compact")),
                            new NewTopic(topics.actions().name(), 3, (short) 1),
                            new NewTopic(topics.rules().name(), 1, (short) 1)
                                    .configs(Map.of("cleanup.policy", "compact"))))
                    .all()
                    .get();
        }
    }

    private static long load(Properties props, TopicSpec<String, Incident> topic, int count) {
        long started = System.nanoTime();
        Properties producerProps = new Properties();
        producerProps.putAll(props);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                Incident incident = incident(i);
                producer.send(new ProducerRecord<>(
                        topic.name(),
                        incident.groupKey(),
                        topic.valueSerde().serializer().serialize(topic.name(), incident)));
            }
            producer.flush();
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static Incident incident(int i) {
        String service = "svc-" + (i % 50);
        Severity severity = Severity.values()[i % 4];
        Instant first = T0.plusSeconds(i * 7L);
        String id = String.format(Locale.ROOT, "INC-%05d", i);
        boolean acked = i % 5 == 0;
        List<IncidentMember> members = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            members.add(new IncidentMember(
                    "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:" + service + "-" + m,
                    "cloudwatch",
                    service + " alarm " + m,
                    AlertStatus.FIRING,
                    severity,
                    "e-" + i + "-" + m,
                    first,
                    false));
        }
        return Incident.builder()
                .groupKey("default|service=" + service + "|" + i)
                .incidentId(id)
                .version(1)
                .state(acked ? IncidentState.ACKNOWLEDGED : IncidentState.OPEN)
                .acknowledgedBy(acked ? "U0ALICE" : null)
                .acknowledgedAt(acked ? first : null)
                .severity(severity)
                .title(service + " is failing its health checks")
                .routeId("default")
                .channel(CHANNELS[i % CHANNELS.length])
                .groupLabels(Map.of("service", service, "region", "eu-west-1"))
                .members(members)
                .firstSeen(first)
                .lastSeen(first)
                .alertCount(3)
                .timeline(List.of(new TimelineEntry(first, TimelineEntry.Kind.OPENED, "Opened", null)))
                .build();
    }

    /** Posts slash commands signed as Slack signs them. */
    private static final class Client {
        private final HttpClient http = HttpClient.newHttpClient();
        private final URI uri;
        private final String secret;

        Client(HttpServer server, String path, String secret) {
            this.uri = URI.create("http://localhost:" + server.getAddress().getPort() + path);
            this.secret = secret;
        }

        HttpResponse<String> command(String text) throws Exception {
            String body = "token=x&team_id=T0LOCAL&channel_id=C0ALERTS&channel_name=alerts&user_id=U0ALICE"
                    + "&user_name=alice&command=%2Falerts&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
                    + "&response_url=" + URLEncoder.encode("http://localhost:1/unused", StandardCharsets.UTF_8)
                    + "&trigger_id=1.2.3";
            String timestamp = String.valueOf(Instant.now().getEpochSecond());
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = "v0="
                    + HexFormat.of()
                            .formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Slack-Request-Timestamp", timestamp)
                    .header("X-Slack-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
