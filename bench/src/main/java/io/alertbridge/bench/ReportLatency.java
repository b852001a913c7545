package io.alertbridge.bench;

import io.alertbridge.connectors.reports.HistoryIndex;
import io.alertbridge.connectors.reports.HistoryView;
import io.alertbridge.connectors.reports.Report;
import io.alertbridge.connectors.reports.ReportFigures;
import io.alertbridge.connectors.reports.ReportFilter;
import io.alertbridge.connectors.reports.ReportRange;
import io.alertbridge.connectors.reports.ReportText;
import io.alertbridge.connectors.reports.WorkingHours;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.schemas.model.IncidentTransition;
import io.alertbridge.schemas.model.IncidentTransition.Kind;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.TestKitKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code /alerts report} over 30 days holding 100,000 incidents (goal: p99 under 3 s), and the time to the first
 * answer after a restart.
 *
 * <p>A real history topic on the in-process broker (3 partitions): {@code incidents} incidents in the 30 days up to
 * now and as many in the 30 days before (the comparison period), each opened, most acknowledged, resolved by hand
 * or by themselves, some reopened, alarms chosen from 2,000 with a skew so some are noisy. About six transitions an
 * incident.
 *
 * <ul>
 *   <li>Restart: the real {@link HistoryView} started on the loaded topic, timed until it is ready (reports answer
 *       "loading" before). Baseline in the same run: a plain consumer reading the same records as bytes, without
 *       deserializing or indexing.
 *   <li>Answers: {@link ReportFigures#compute} over the view's index plus the text rendering, for {@code 30d},
 *       {@code 30d route:} one of 20 routes, and {@code 24h}; baseline: walking the same 60-day slice, counting.
 *       Sequential, after a warm-up. The Slack HTTP acknowledgement is not in these figures (it does not wait for
 *       the report; see {@code AlertsListLatency} for that path).
 * </ul>
 *
 * <p>Run: {@code bench/run ReportLatency [incidents] [requests]} (defaults 100000, 50).
 */
public final class ReportLatency {

    private static final int ALARMS = 2_000;
    private static final int ROUTES = 20;

    private ReportLatency() {}

    public static void main(String[] args) throws Exception {
        int incidents = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Topics topics = Topics.withPrefix("bench" + Long.toString(System.nanoTime(), 36) + ".");
        TopicSpec<String, IncidentTransition> history = topics.incidentHistory();
        Instant now = Instant.now();
        try (EmbeddedKafka kafka = TestKitKafka.start()) {
            Properties props = new Properties();
            props.put("bootstrap.servers", kafka.bootstrapServers());
            try (Admin admin = kafka.admin()) {
                admin.createTopics(List.of(new NewTopic(history.name(), 3, (short) 1)))
                        .all()
                        .get();
            }
            long started = System.nanoTime();
            long records = write(props, history, incidents, now);
            System.out.printf(
                    "wrote %,d transitions of %,d incidents (60 days) in %d ms%n",
                    records, 2L * incidents, (System.nanoTime() - started) / 1_000_000);

            long plain = plainRead(props, history);
            started = System.nanoTime();
            try (HistoryView view =
                    HistoryView.start(history, props, new SimpleMeterRegistry(), HistoryIndex.Bounds.DEFAULT)) {
                while (!view.isReady()) {
                    LockSupport.parkNanos(5_000_000L);
                }
                long ready = (System.nanoTime() - started) / 1_000_000;
                System.out.printf(
                        "restart: plain byte read %d ms (baseline); history view ready after %d ms (%.2fx), %,d "
                                + "transitions, heap used %d MB%n",
                        plain, ready, (double) ready / plain, view.index().size(), usedHeapMb());
                answers(view.index(), now, requests);
            }
        }
    }

    private static long write(Properties props, TopicSpec<String, IncidentTransition> topic, int incidents, Instant now)
            throws Exception {
        Properties p = new Properties();
        p.putAll(props);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        Random random = new Random(42);
        long span = Duration.ofDays(60).toMillis();
        Instant start = now.minus(Duration.ofDays(60));
        long count = 0;
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 2 * incidents; i++) {
                Instant opened = start.plusMillis((long) (random.nextDouble() * span));
                String route = "route-" + random.nextInt(ROUTES);
                int alarm = (int) Math.min(ALARMS - 1, Math.abs(random.nextGaussian()) * ALARMS / 4);
                String id = String.format(Locale.ROOT, "INC-%07X", i);
                Incident incident = new Incident(id, route, "svc-" + (alarm % 50), opened, "alarm-" + alarm);
                List<IncidentTransition> transitions = incident.life(random);
                for (IncidentTransition t : transitions) {
                    producer.send(new ProducerRecord<>(
                            topic.name(),
                            t.groupKey(),
                            topic.valueSerde().serializer().serialize(topic.name(), t)));
                }
                count += transitions.size();
            }
            producer.flush();
        }
        return count;
    }

    /** One scripted incident: who acknowledges, when it resolves, whether it reopens. */
    private record Incident(String id, String route, String service, Instant opened, String alarm) {
        List<IncidentTransition> life(Random random) {
            java.util.ArrayList<IncidentTransition> out = new java.util.ArrayList<>();
            out.add(t(Kind.OPENED, opened, null, alarm));
            Instant at = opened;
            if (random.nextInt(10) < 7) {
                at = at.plusSeconds(30 + random.nextInt(1800));
                out.add(t(Kind.ACKNOWLEDGED, at, "U" + random.nextInt(40), null));
            }
            at = at.plusSeconds(60 + random.nextInt(7200));
            out.add(t(Kind.ALERT_RESOLVED, at, null, alarm));
            out.add(t(Kind.RESOLVED, at, random.nextBoolean() ? null : "U" + random.nextInt(40), null));
            if (random.nextInt(10) == 0) {
                at = at.plusSeconds(60 + random.nextInt(600));
                out.add(t(Kind.ALERT_FIRING, at, null, alarm));
                out.add(t(Kind.REOPENED, at, null, alarm));
                at = at.plusSeconds(60 + random.nextInt(600));
                out.add(t(Kind.ALERT_RESOLVED, at, null, alarm));
                out.add(t(Kind.RESOLVED, at, null, null));
            }
            return out;
        }

        private IncidentTransition t(Kind kind, Instant at, String actor, String alarmName) {
            return new IncidentTransition(
                    id,
                    route + "|" + alarm,
                    route,
                    "#" + route,
                    Severity.values()[Math.abs(id.hashCode()) % 4],
                    service,
                    kind,
                    at,
                    opened,
                    actor,
                    alarmName == null ? null : "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:" + alarmName,
                    alarmName == null ? null : alarmName + " p99 latency too high");
        }
    }

    private static long plainRead(Properties props, TopicSpec<String, IncidentTransition> topic) {
        Properties p = new Properties();
        p.putAll(props);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        long started = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long bytes = 0;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    bytes += record.value().length;
                }
            }
            if (bytes == 0) {
                throw new IllegalStateException("read nothing");
            }
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static void answers(HistoryIndex index, Instant now, int requests) {
        WorkingHours.ByRoute hours = WorkingHours.ByRoute.everywhere(ZoneOffset.UTC);
        ReportRange month = new ReportRange(now.minus(Duration.ofDays(30)), now);
        ReportRange day = new ReportRange(now.minus(Duration.ofHours(24)), now);
        Object[][] cases = {
            {"walk 60 days (baseline)", null, ReportFilter.ALL},
            {"report 30d", month, ReportFilter.ALL},
            {"report 30d route:route-7", month, ReportFilter.of(ReportFilter.By.ROUTE, "route-7")},
            {"report 24h", day, ReportFilter.ALL},
        };
        for (int i = 0; i < 5; i++) {
            for (Object[] c : cases) {
                once(index, month, (ReportRange) c[1], (ReportFilter) c[2], hours);
            }
        }
        System.out.printf("%-28s %8s %8s %8s %8s  %s%n", "answer", "p50 ms", "p99 ms", "max ms", "x base", "figures");
        double base = 0;
        for (Object[] c : cases) {
            double[] millis = new double[requests];
            String figures = "";
            for (int i = 0; i < requests; i++) {
                long t = System.nanoTime();
                figures = once(index, month, (ReportRange) c[1], (ReportFilter) c[2], hours);
                millis[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(millis);
            double p50 = millis[(int) Math.ceil(0.5 * requests) - 1];
            double p99 = millis[(int) Math.ceil(0.99 * requests) - 1];
            if (c[1] == null) {
                base = p50;
            }
            System.out.printf(
                    "%-28s %8.1f %8.1f %8.1f %8.2f  %s%n", c[0], p50, p99, millis[requests - 1], p50 / base, figures);
        }
    }

    private static String once(
            HistoryIndex index, ReportRange month, ReportRange range, ReportFilter filter, WorkingHours.ByRoute hours) {
        if (range == null) {
            long n = 0;
            for (IncidentTransition t : index.since(month.previous().from())) {
                n += t.kind().ordinal() >= 0 ? 1 : 0;
            }
            return n + " transitions";
        }
        Report report = ReportFigures.compute(index.since(range.previous().from()), range, filter, hours);
        String text = ReportText.table(report);
        return report.current().opened() + " opened, MTTA "
                + ReportText.human(report.current().mttaMedian()) + ", MTTR "
                + ReportText.human(report.current().mttrMedian()) + " (" + text.length() + " chars)";
    }

    private static long usedHeapMb() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
    }
}
