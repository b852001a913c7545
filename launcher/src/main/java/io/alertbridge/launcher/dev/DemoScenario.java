package io.alertbridge.launcher.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.serde.Json;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The scenario {@code alertbridge dev --demo} plays, built from real payloads (see {@code demo/SOURCES.md}): a
 * CodePipeline failure, an alarm storm across eight EC2 instances of three services, an AI anomaly episode from
 * NAB's detector output on one of those instances, a flapping alarm, then recovery and a successful pipeline.
 * Where it sends them is a {@link DemoOutlet}'s business: through SNS topics and EventBridge {@code PutEvents}
 * (the production path, {@link AwsDemoOutlet}), or straight into the alarm queue in SNS envelopes with the scores on
 * the scores topic ({@link QueueDemoOutlet}).
 *
 * <p>Times are rewritten to now, so the processor sees a live outage. Not thread-safe: {@link #play} runs the
 * whole scenario on the calling thread.
 */
public final class DemoScenario {

    private static final Logger LOG = LoggerFactory.getLogger(DemoScenario.class);
    private static final String ROOT = "/io/alertbridge/launcher/demo/";
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "eu-west-2";
    private static final DateTimeFormatter ALARM_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    private static final List<String> SERVICES = List.of("checkout", "payments", "search");

    private final DemoOutlet outlet;
    private final Clock clock;

    /** A step of the scenario: what to do, at which offset from the start; whether it sends a message or score. */
    record Step(Duration at, String what, Runnable action, boolean sends) {
        Step(Duration at, String what, Runnable action) {
            this(at, what, action, true);
        }
    }

    /** A scenario that writes straight into the queue and the scores topic (dev without the AWS stand-in). */
    public DemoScenario(
            SqsClient sqs, String queueUrl, Producer<String, AnomalyScore> scores, String scoresTopic, Clock clock) {
        this(new QueueDemoOutlet(sqs, queueUrl, scores, scoresTopic, clock), clock);
    }

    /** A scenario that sends through {@code outlet}. */
    public DemoScenario(DemoOutlet outlet, Clock clock) {
        this.outlet = outlet;
        this.clock = clock;
    }

    /**
     * Plays every step in order, pausing between steps (scaled by {@code speed}: 2.0 plays twice as fast).
     *
     * @param speed time scale, greater than 0
     * @param progress told the name of each step as it starts
     * @return how many messages and scores were sent
     */
    public int play(double speed, Consumer<String> progress) throws InterruptedException {
        List<Step> steps = steps();
        long start = System.nanoTime();
        int sent = 0;
        java.util.Set<String> announced = new java.util.HashSet<>();
        for (Step step : steps) {
            long due = start + (long) (step.at().toNanos() / speed);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // CHECKSTYLE:OK the demo is paced
            }
            if (announced.add(step.what())) {
                progress.accept(step.what());
            }
            step.action().run();
            if (step.sends()) {
                sent++;
            }
        }
        outlet.flush();
        LOG.info("Demo scenario finished: {} messages and scores sent", sent);
        return sent;
    }

    /** Every step of the scenario, ordered by offset. */
    List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(
                Duration.ZERO, "CloudWatch datapoints of the demo's instances (for the graphs)", this::metrics, false));
        steps.add(new Step(Duration.ZERO, "CodePipeline 'checkout-deploy' failed", () -> pipeline("FAILED")));
        for (int i = 0; i < 24; i++) {
            int instance = i % 8;
            steps.add(new Step(
                    Duration.ofMillis(2_000 + i * 400L),
                    "alarm storm: 24 alarms on 8 instances",
                    () -> alarm(stormAlarm(instance), instanceId(instance), "ALARM")));
        }
        steps.addAll(anomalyEpisode(Duration.ofSeconds(6)));
        for (int i = 0; i < 10; i++) {
            String state = i % 2 == 0 ? "ALARM" : "OK";
            steps.add(new Step(
                    Duration.ofSeconds(12 + i * 4L),
                    "flapping alarm 'search-latency-p99'",
                    () -> alarm("search-latency-p99", "i-0search00000000a", state)));
        }
        for (int i = 0; i < 24; i++) {
            int instance = i % 8;
            steps.add(new Step(
                    Duration.ofMillis(60_000 + i * 300L),
                    "recovery: the storm's alarms return to OK",
                    () -> alarm(stormAlarm(instance), instanceId(instance), "OK")));
        }
        steps.add(new Step(
                Duration.ofSeconds(70), "CodePipeline 'checkout-deploy' succeeded", () -> pipeline("SUCCEEDED")));
        steps.sort(Comparator.comparing(Step::at));
        return steps;
    }

    private List<Step> anomalyEpisode(Duration offset) {
        List<Step> steps = new ArrayList<>();
        List<String[]> rows = nabRows();
        Instant base = clock.instant();
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            Instant at = base.plusMillis(i * 250L);
            double value = Double.parseDouble(row[1]);
            double score = Math.min(1.0, Math.max(0.0, Double.parseDouble(row[2])));
            steps.add(new Step(
                    offset.plusMillis(i * 250L),
                    "AI anomaly episode (NAB numenta) on " + instanceId(0),
                    () -> score(at, value, score)));
        }
        return steps;
    }

    private void score(Instant at, double value, double score) {
        String instance = instanceId(0);
        String series = "ec2_cpu_utilization:" + instance;
        AnomalyScore anomaly = new AnomalyScore(
                "numenta",
                series,
                instance,
                "CPUUtilization",
                at,
                score,
                value,
                Map.of("account", ACCOUNT, "region", REGION, "service", serviceOf(0), "resource", instance));
        outlet.score(anomaly);
    }

    /**
     * Three hours of one-minute CPU datapoints for every instance the demo alarms on: a calm baseline, then, for the
     * storm's instances, a climb over the threshold in the last minutes, and for the flapping one, a ride along it.
     * Deterministic, so two runs draw the same graphs.
     */
    private void metrics() {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        for (int instance = 0; instance < 8; instance++) {
            outlet.metric(
                    REGION,
                    "AWS/EC2",
                    "CPUUtilization",
                    Map.of("InstanceId", instanceId(instance)),
                    "Percent",
                    cpu(now, instance, 0));
        }
        outlet.metric(
                REGION,
                "AWS/EC2",
                "CPUUtilization",
                Map.of("InstanceId", "i-0search00000000a"),
                "Percent",
                cpu(now, 8, 1));
    }

    /** 180 minutes of CPU, climbing over 80 at the end ({@code flapping}: around 80 for the last half hour). */
    static java.util.SortedMap<Instant, Double> cpu(Instant now, int seed, int flapping) {
        java.util.SortedMap<Instant, Double> points = new java.util.TreeMap<>();
        java.util.Random random = new java.util.Random(seed);
        for (int minute = 180; minute >= 1; minute--) {
            double value = 22 + 8 * Math.sin(minute / 17.0 + seed) + random.nextDouble() * 6;
            if (flapping == 1 && minute <= 30) {
                value = 78 + (minute % 4 < 2 ? 6 : -5) + random.nextDouble() * 2;
            } else if (flapping == 0 && minute <= 6) {
                value = 70 + (7 - minute) * 4 + random.nextDouble() * 3;
            }
            points.put(now.minus(Duration.ofMinutes(minute)), Math.round(value * 10) / 10.0);
        }
        return points;
    }

    private void alarm(String name, String instance, String state) {
        ObjectNode message = (ObjectNode) resource("cloudwatch_alarm_message.json");
        message.put("AlarmName", name);
        message.put("AlarmDescription", "Demo: " + name + " on " + instance);
        message.put("AWSAccountId", ACCOUNT);
        message.put("NewStateValue", state);
        message.put("OldStateValue", state.equals("ALARM") ? "OK" : "ALARM");
        message.put(
                "NewStateReason",
                state.equals("ALARM")
                        ? "Threshold Crossed: 3 out of the last 3 datapoints were greater than the threshold (80.0)."
                        : "Threshold Crossed: 3 out of the last 3 datapoints were not greater than the threshold (80.0).");
        message.put("StateChangeTime", ALARM_TIME.format(clock.instant()));
        message.put("Region", "EU (London)");
        message.put("AlarmArn", "arn:aws:cloudwatch:" + REGION + ":" + ACCOUNT + ":alarm:" + name);
        ObjectNode trigger = (ObjectNode) message.get("Trigger");
        trigger.put("MetricName", "CPUUtilization");
        trigger.put("Unit", "Percent");
        trigger.put("Threshold", 80.0);
        ArrayNode dimensions = trigger.putArray("Dimensions");
        dimensions.addObject().put("value", instance).put("name", "InstanceId");
        outlet.alarm(message.toString(), state + ": \"" + name + "\" in EU (London)");
    }

    private void pipeline(String state) {
        ObjectNode event = (ObjectNode) resource("codepipeline_" + state.toLowerCase(java.util.Locale.ROOT) + ".json");
        event.put("id", UUID.randomUUID().toString());
        event.put(
                "time",
                DateTimeFormatter.ISO_INSTANT.format(
                        clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        event.put("region", REGION);
        event.put("account", ACCOUNT);
        event.putArray("resources").add("arn:aws:codepipeline:" + REGION + ":" + ACCOUNT + ":checkout-deploy");
        ((ObjectNode) event.get("detail")).put("pipeline", "checkout-deploy").put("state", state);
        outlet.event(event);
    }

    private static String stormAlarm(int instance) {
        return serviceOf(instance) + "-cpu-high-" + instanceId(instance);
    }

    private static String instanceId(int instance) {
        return String.format("i-0%s%010d", "demo", instance);
    }

    private static String serviceOf(int instance) {
        return SERVICES.get(instance % SERVICES.size());
    }

    static JsonNode resource(String name) {
        try (InputStream in = open(name)) {
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo resource " + name, e);
        }
    }

    private static List<String[]> nabRows() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(open("nab_numenta_ec2_cpu_utilization_825cc2.csv"), StandardCharsets.UTF_8))) {
            return reader.lines().skip(1).map(line -> line.split(",")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo's NAB series", e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = DemoScenario.class.getResourceAsStream(ROOT + name);
        if (in == null) {
            throw new IllegalStateException("demo resource missing from the jar: " + name);
        }
        return in;
    }
}
