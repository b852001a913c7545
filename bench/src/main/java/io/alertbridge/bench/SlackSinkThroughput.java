package io.alertbridge.bench;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import io.alertbridge.connectors.graphs.ChartRenderer;
import io.alertbridge.connectors.graphs.IncidentGraphMaker;
import io.alertbridge.connectors.slack.GraphSettings;
import io.alertbridge.connectors.slack.OneGsonMethodsClient;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.assembly.SlackSinkAssembler;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer;
import io.alertbridge.connectors.slack.rendering.RenderedMessage;
import io.alertbridge.connectors.slack.sink.SlackSink;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.AnomalySeries;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.serde.JsonSerde;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.TestKitKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * What the Slack sink's guarantees cost, and what its coalescing saves, against the local Slack workspace over
 * real HTTP (rate limits off: this measures the sink, not Slack's pace) and the in-process broker.
 *
 * <ul>
 *   <li>baseline: the same Slack calls made directly with the SDK in a loop (render, {@code chat.postMessage}, thread
 *       replies), no Kafka, no intents; once through the SDK's own client and once through the {@link
 *       OneGsonMethodsClient} the sink uses (the SDK reads every answer with a new Gson);
 *   <li>sink: the same work as notifications (one POST and four THREAD_REPLY per incident) carried out by a running
 *       {@link SlackSink}: every post and reply bracketed by a durable intent write, refs written, offsets committed;
 *   <li>backlog: each incident's POST and nine UPDATEs already waiting (as after an outage): Slack calls made per
 *       notification;
 *   <li>graphs off / graphs on: the sink's work again, with incidents whose member carries an anomaly's 120 recent
 *       scores, once without graphs and once with them (drawn on the sink's graph worker, uploaded through the
 *       external upload flow, shown by editing the message): notifications per second of the text path, and how
 *       long until every message shows its graph.
 * </ul>
 *
 * <p>Run: {@code bench/run SlackSinkThroughput [incidents]} (default 200).
 */
public final class SlackSinkThroughput {

    private static final int REPLIES = 4;
    private static final int UPDATES = 9;
    /** How often the harness asks the broker whether the sink is done: rarely enough not to compete with it. */
    private static final long POLL_NANOS = 20_000_000;

    private static final long GRAPH_DEADLINE_NANOS = 300_000_000_000L;

    private static final JsonSerde<NotificationCommand> COMMANDS = JsonSerde.of(NotificationCommand.class);

    private SlackSinkThroughput() {}

    public static void main(String[] args) throws Exception {
        // The JDK's HttpServer (the local workspace) leaves Nagle on: small answers then wait ~40 ms for a delayed
        // ACK, which would make this measure TCP, not the sink. Must be set before the server class loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int incidents = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        try (EmbeddedKafka kafka = TestKitKafka.start();
                LocalSlackWorkspace slack = LocalSlackWorkspace.start(
                        LocalSlackWorkspace.Config.defaults().withRateLimits(false))) {
            baseline(slack, 20, false);
            baseline(slack, 20, true);
            sink(kafka, slack, "warm", 20, Follow.REPLIES);

            Result base = baseline(slack, incidents, false);
            Result oneGson = baseline(slack, incidents, true);
            Result sink = sink(kafka, slack, "sink", incidents, Follow.REPLIES);
            Result backlog = sink(kafka, slack, "backlog", incidents, Follow.UPDATES);
            Result burst = sink(kafka, slack, "burst", incidents * (1 + REPLIES), Follow.NOTHING);
            Result rounds = sink(kafka, slack, "rounds", incidents, Follow.ROUNDS);
            sink(kafka, slack, "warmgraphs", 20, Follow.REPLIES, true);
            Result graphsOff = sink(kafka, slack, "nographs", incidents, Follow.REPLIES, false);
            Result graphsOn = sink(kafka, slack, "graphs", incidents, Follow.REPLIES, true);

            System.out.printf(
                    "%-34s %13s %11s %9s %15s%n",
                    "scenario", "notifications", "slack calls", "seconds", "slack calls/s");
            print("baseline (SDK loop, no Kafka)", base);
            print("baseline, answers read by one Gson", oneGson);
            print("sink (intents, refs, commits)", sink);
            print("backlog (POST + 9 UPDATEs each)", backlog);
            print("burst (first POSTs only)", burst);
            print("rounds (POSTs, then replies across)", rounds);
            print("graphs off (scores attached)", graphsOff);
            print("graphs on (text path)", graphsOn);
            System.out.printf(
                    "%nsink / baseline, Slack calls per second: %.2f (against the baseline reading answers with one"
                            + " Gson, as the sink does: %.2f); one Gson / SDK's own loop: %.2f%n",
                    rate(sink) / rate(base), rate(sink) / rate(oneGson), rate(oneGson) / rate(base));
            System.out.printf(
                    "backlog: %.3f Slack calls per notification (%d notifications, %d calls)%n",
                    (double) backlog.calls() / backlog.notifications(), backlog.notifications(), backlog.calls());
            System.out.printf(
                    "graphs on / off, notifications per second: %.2f; every message showed its graph after %.2f s"
                            + " (%.1f graphs/s)%n",
                    graphsOn.seconds() > 0 ? graphsOff.seconds() / graphsOn.seconds() : 0,
                    graphsOn.graphSeconds(),
                    incidents / graphsOn.graphSeconds());
        }
    }

    /** The scenario's notifications: each incident's POST and what follows it, in the order they are sent. */
    private static List<NotificationCommand> commands(String name, int incidents, Follow follow, Boolean graphs) {
        List<NotificationCommand> commands = new ArrayList<>();
        List<Incident> posted = new ArrayList<>();
        for (int i = 0; i < incidents; i++) {
            Incident plain = incident("INC-" + name.toUpperCase(java.util.Locale.ROOT) + i, 1);
            Incident first = graphs == null ? plain : withScores(plain);
            commands.add(command(NotificationCommand.Type.POST, first, null, 0));
            posted.add(first);
            int following = follow == Follow.UPDATES ? UPDATES : follow == Follow.REPLIES ? REPLIES : 0;
            for (int j = 0; j < following; j++) {
                commands.add(
                        follow == Follow.UPDATES
                                ? command(NotificationCommand.Type.UPDATE, incident(first.incidentId(), j + 2), null, j)
                                : command(NotificationCommand.Type.THREAD_REPLY, first, "timeline " + j, j));
            }
        }
        for (int j = 0; follow == Follow.ROUNDS && j < REPLIES; j++) {
            for (Incident first : posted) {
                commands.add(command(NotificationCommand.Type.THREAD_REPLY, first, "timeline " + j, j));
            }
        }
        return commands;
    }

    private record Result(int notifications, int calls, double seconds, double graphSeconds) {
        Result(int notifications, int calls, double seconds) {
            this(notifications, calls, seconds, 0);
        }
    }

    private static void print(String name, Result r) {
        System.out.printf("%-34s %13d %11d %9.2f %15.1f%n", name, r.notifications(), r.calls(), r.seconds(), rate(r));
    }

    private static double rate(Result r) {
        return r.calls() / r.seconds();
    }

    /**
     * The calls of {@code incidents} incidents made directly in a loop, through the SDK's own client or ({@code
     * oneGson}) through the {@link OneGsonMethodsClient} the sink uses.
     */
    private static Result baseline(LocalSlackWorkspace slack, int incidents, boolean oneGson) throws Exception {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slack.apiUrl());
        config.setStatsEnabled(false);
        Slack sdk = Slack.getInstance(config);
        try {
            MethodsClient methods =
                    oneGson ? new OneGsonMethodsClient(sdk, slack.botToken()) : sdk.methods(slack.botToken());
            IncidentMessageRenderer renderer = new IncidentMessageRenderer(Clock.systemUTC());
            int before = slack.calls().size();
            long started = System.nanoTime();
            for (int i = 0; i < incidents; i++) {
                RenderedMessage message =
                        renderer.render(incident("INC-B" + i, 1), IncidentMessageRenderer.View.standard());
                ChatPostMessageResponse posted = methods.chatPostMessage(r -> r.channel("#alerts")
                        .text(message.text())
                        .attachments(message.attachments())
                        .metadata(message.metadata()));
                for (int j = 0; j < REPLIES; j++) {
                    RenderedMessage reply = renderer.reply("INC-B" + i, "c" + j, "timeline " + j, null, false);
                    methods.chatPostMessage(r -> r.channel(posted.getChannel())
                            .threadTs(posted.getTs())
                            .text(reply.text())
                            .metadata(reply.metadata()));
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Result(incidents * (1 + REPLIES), slack.calls().size() - before, seconds);
        } finally {
            sdk.close();
        }
    }

    /** What follows each incident's POST in a scenario. */
    private enum Follow {
        /** Four thread replies (each with its own intent). */
        REPLIES,
        /** Nine edits of the message, caught up as a backlog. */
        UPDATES,
        /** Nothing: a burst of new incidents, each one first post (their intents are recorded ahead). */
        NOTHING,
        /**
         * Four thread replies too, but in rounds across the incidents (every incident's first reply, then every
         * incident's second, ...), as a storm's held timelines are let out after it: replies to different incidents
         * side by side (their intents are recorded ahead).
         */
        ROUNDS
    }

    private static Result sink(
            EmbeddedKafka kafka, LocalSlackWorkspace slack, String name, int incidents, Follow follow)
            throws Exception {
        return sink(kafka, slack, name, incidents, follow, null);
    }

    /** The sink's scenario; {@code graphs}: null for plain incidents, else scores attached and graphs on or off. */
    private static Result sink(
            EmbeddedKafka kafka, LocalSlackWorkspace slack, String name, int incidents, Follow follow, Boolean graphs)
            throws Exception {
        String prefix = "bench-" + name + "-" + System.nanoTime() + ".";
        Topics topics = Topics.withPrefix(prefix);
        String group = prefix + "sink";
        try (Admin admin = kafka.admin();
                KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
            admin.createTopics(List.of(
                            new NewTopic(topics.notifications().name(), 3, (short) 1),
                            new NewTopic(topics.deadLetters().name(), 1, (short) 1)))
                    .all()
                    .get();
            SlackSinkConfig config = SlackSinkConfig.defaults(slack.botToken()).toBuilder()
                    .apiUrl(slack.apiUrl())
                    .topicPrefix(prefix)
                    .groupId(group)
                    .build();
            Map<String, Object> props = Map.of("bootstrap.servers", kafka.bootstrapServers());
            List<NotificationCommand> commands = commands(name, incidents, follow, graphs);
            SlackSinkAssembler assembler = SlackSinkAssembler.of(config);
            if (Boolean.TRUE.equals(graphs)) {
                assembler.graphs(
                        new IncidentGraphMaker(GraphSettings.defaults(), null, new ChartRenderer(), Clock.systemUTC()),
                        Duration.ZERO);
            }
            try (SlackSink sink = assembler.startSink(props, props, new SimpleMeterRegistry())) {
                while (!sink.isReady() || !assigned(admin, group)) {
                    LockSupport.parkNanos(POLL_NANOS);
                }
                int before = slack.calls().size();
                long started = System.nanoTime();
                for (NotificationCommand c : commands) {
                    producer.send(new ProducerRecord<>(
                            topics.notifications().name(),
                            c.groupKey().getBytes(StandardCharsets.UTF_8),
                            COMMANDS.toBytes(c)));
                }
                producer.flush();
                while (!allCommitted(admin, topics.notifications().name(), group)) {
                    LockSupport.parkNanos(POLL_NANOS);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                int calls = slack.calls().size() - before;
                if (!Boolean.TRUE.equals(graphs)) {
                    return new Result(commands.size(), calls, seconds);
                }
                String filePrefix = "INC-" + name.toUpperCase(java.util.Locale.ROOT);
                long deadline = System.nanoTime() + GRAPH_DEADLINE_NANOS;
                while (graphsShown(slack, filePrefix) < incidents) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("only " + graphsShown(slack, filePrefix) + " of " + incidents
                                + " messages showed their graph within 5 minutes");
                    }
                    LockSupport.parkNanos(POLL_NANOS);
                }
                double graphSeconds = (System.nanoTime() - started) / 1e9;
                return new Result(commands.size(), calls, seconds, graphSeconds);
            }
        }
    }

    /** Incident messages of this scenario that show an uploaded graph. */
    private static long graphsShown(LocalSlackWorkspace slack, String incidentPrefix) {
        return slack.messages("#alerts").stream()
                .filter(m -> m.text() != null && m.text().contains(incidentPrefix))
                .filter(m -> m.attachments().toString().contains("\"slack_file\""))
                .count();
    }

    /** The incident with its member carrying an anomaly's last 120 scores, as the processor attaches them. */
    private static Incident withScores(Incident incident) {
        Instant now = Instant.now();
        List<AnomalySeries.Point> points = new ArrayList<>();
        for (int i = 120; i >= 1; i--) {
            double score = i <= 4 ? 0.95 : 0.05 + (i % 11) / 100.0;
            points.add(AnomalySeries.Point.of(now.minusSeconds(60L * i), score, 40.0 + (i % 13)));
        }
        AnomalySeries series = new AnomalySeries("numenta", incident.incidentId(), "default", 0.5, 0.3, points);
        List<IncidentMember> members = incident.members().stream()
                .map(m -> new IncidentMember(
                        m.fingerprint(),
                        "anomaly",
                        m.title(),
                        m.status(),
                        m.severity(),
                        m.lastEventId(),
                        m.lastChangeAt(),
                        m.suppressed(),
                        m.annotations(),
                        m.links(),
                        null,
                        series))
                .toList();
        return incident.toBuilder().members(members).build();
    }

    private static boolean assigned(Admin admin, String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().stream()
                .anyMatch(m -> !m.assignment().topicPartitions().isEmpty());
    }

    private static boolean allCommitted(Admin admin, String topic, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        Map<TopicPartition, OffsetSpec> latest = Map.of(
                new TopicPartition(topic, 0),
                OffsetSpec.latest(),
                new TopicPartition(topic, 1),
                OffsetSpec.latest(),
                new TopicPartition(topic, 2),
                OffsetSpec.latest());
        for (var end : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            if ((done == null ? 0 : done.offset()) < end.getValue().offset()) {
                return false;
            }
        }
        return true;
    }

    private static KafkaProducer<byte[], byte[]> producer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName(),
                ProducerConfig.LINGER_MS_CONFIG,
                5));
    }

    private static NotificationCommand command(NotificationCommand.Type type, Incident incident, String text, int n) {
        String commandId = incident.incidentId() + ":" + incident.version() + ":" + type + ":" + n;
        return switch (type) {
            case POST -> NotificationCommand.post(commandId, incident, null, Instant.now());
            case UPDATE -> NotificationCommand.update(commandId, incident, Instant.now());
            case THREAD_REPLY -> NotificationCommand.reply(commandId, incident, text, Instant.now());
            default -> throw new IllegalArgumentException("the bench sends no " + type);
        };
    }

    private static Incident incident(String id, long version) {
        IncidentMember member = new IncidentMember(
                "arn:aws:cloudwatch:eu-west-2:123456789012:alarm:" + id,
                "cloudwatch",
                id + " 5xx",
                AlertStatus.FIRING,
                Severity.ERROR,
                "e" + version,
                Instant.now(),
                false);
        boolean acked = version > 5;
        return Incident.builder()
                .groupKey("g|" + id)
                .incidentId(id)
                .version(version)
                .state(acked ? IncidentState.ACKNOWLEDGED : IncidentState.OPEN)
                .acknowledgedBy(acked ? "U024BE7LH" : null)
                .acknowledgedAt(acked ? Instant.now() : null)
                .severity(Severity.ERROR)
                .title(id + " is failing")
                .routeId("default")
                .channel("#alerts")
                .groupLabels(Map.of("service", "api"))
                .members(List.of(member))
                .firstSeen(Instant.now())
                .lastSeen(Instant.now())
                .alertCount((int) version)
                .build();
    }
}
