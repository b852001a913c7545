package io.alertbridge.testkit.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A storm of CloudWatch alarm state changes as SNS delivers them to SQS (raw delivery off): {@code alarms} alarms,
 * each on its own EC2 instance (the resource, so each alarm is its own incident), each going ALARM, OK, ALARM, ...
 * a random number of times, so that about half end firing and half resolved. Every alarm fires first; the later
 * transitions are shuffled across alarms, each alarm's own in order, with {@code StateChangeTime}s a minute apart.
 * One message in twenty is sent twice, as SQS and SNS may deliver twice.
 *
 * <p>Immutable after construction; {@link #send} may be called from one thread at a time.
 */
public final class AlarmStorm {

    /** The state an incident ends in, as its Slack message shows it ({@code *OPEN*}, {@code *RESOLVED*}). */
    public enum FinalState {
        OPEN,
        RESOLVED
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ALARM_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "eu-west-2";
    private static final String TOPIC = "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":alertbridge-alarms";

    private final String runId;
    private final List<String> openings;
    private final List<String> rest;
    private final Map<String, FinalState> expected;

    private AlarmStorm(String runId, List<String> openings, List<String> rest, Map<String, FinalState> expected) {
        this.runId = runId;
        this.openings = List.copyOf(openings);
        this.rest = List.copyOf(rest);
        this.expected = Collections.unmodifiableMap(expected);
    }

    /**
     * A storm.
     *
     * @param runId distinguishes this storm's alarms and message ids from another's on the same servers
     * @param alarms how many alarms (incidents)
     * @param maxTransitions the most state changes one alarm goes through (at least 1)
     * @param seed the random seed (same seed, same storm)
     */
    public static AlarmStorm of(String runId, int alarms, int maxTransitions, long seed) {
        Random random = new Random(seed);
        Instant base = Instant.parse("2026-01-05T10:00:00Z");
        List<String> firsts = new ArrayList<>();
        List<List<String>> laters = new ArrayList<>();
        Map<String, FinalState> expected = new LinkedHashMap<>();
        int sequence = 0;
        for (int alarm = 0; alarm < alarms; alarm++) {
            String instance = instanceId(runId, alarm);
            int transitions = 1 + random.nextInt(Math.max(1, maxTransitions));
            List<String> own = new ArrayList<>();
            for (int t = 0; t < transitions; t++) {
                boolean firing = t % 2 == 0;
                String messageId = runId + "-" + alarm + "-" + t;
                String body = envelope(
                        alarmMessage(runId, alarm, instance, firing, base.plus(Duration.ofMinutes(t))), messageId);
                if (t == 0) {
                    firsts.add(body);
                } else {
                    own.add(body);
                }
                if (sequence++ % 20 == 0) {
                    own.add(body);
                }
            }
            laters.add(own);
            expected.put(instance, transitions % 2 == 1 ? FinalState.OPEN : FinalState.RESOLVED);
        }
        return new AlarmStorm(runId, firsts, interleave(laters, random), expected);
    }

    /** The instance id of one alarm: fixed width, so that no id is a prefix of another. */
    static String instanceId(String runId, int alarm) {
        return "i-" + runId + "-" + String.format(java.util.Locale.ROOT, "%06d", alarm);
    }

    /** Each alarm's own transitions stay in order; who goes next is random. */
    private static List<String> interleave(List<List<String>> queues, Random random) {
        List<java.util.Deque<String>> open = new ArrayList<>();
        queues.forEach(q -> {
            if (!q.isEmpty()) {
                open.add(new java.util.ArrayDeque<>(q));
            }
        });
        List<String> out = new ArrayList<>();
        while (!open.isEmpty()) {
            int pick = random.nextInt(open.size());
            java.util.Deque<String> queue = open.get(pick);
            out.add(queue.removeFirst());
            if (queue.isEmpty()) {
                open.remove(pick);
            }
        }
        return out;
    }

    private static String alarmMessage(String runId, int alarm, String instance, boolean firing, Instant at) {
        String name = "soak-" + runId + "-" + alarm;
        String state = firing ? "ALARM" : "OK";
        ObjectNode message = JSON.createObjectNode();
        message.put("AlarmName", name);
        message.put("AlarmDescription", "CPU of " + instance);
        message.put("AWSAccountId", ACCOUNT);
        message.put("NewStateValue", state);
        message.put("NewStateReason", "Threshold Crossed: 1 datapoint " + (firing ? "above" : "below") + " 80.0");
        message.put("StateChangeTime", ALARM_TIME.format(at));
        message.put("Region", "EU (London)");
        message.put("AlarmArn", "arn:aws:cloudwatch:" + REGION + ":" + ACCOUNT + ":alarm:" + name);
        message.put("OldStateValue", firing ? "OK" : "ALARM");
        ObjectNode trigger = message.putObject("Trigger");
        trigger.put("MetricName", "CPUUtilization");
        trigger.put("Namespace", "AWS/EC2");
        trigger.put("StatisticType", "Statistic");
        trigger.put("Statistic", "AVERAGE");
        trigger.putArray("Dimensions").addObject().put("value", instance).put("name", "InstanceId");
        trigger.put("Period", 60);
        trigger.put("EvaluationPeriods", 1);
        trigger.put("ComparisonOperator", "GreaterThanThreshold");
        trigger.put("Threshold", 80.0);
        return message.toString();
    }

    private static String envelope(String message, String messageId) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("Type", "Notification");
        envelope.put("MessageId", messageId);
        envelope.put("TopicArn", TOPIC);
        envelope.put("Subject", "CloudWatch alarm");
        envelope.put("Message", message);
        envelope.put("Timestamp", "2026-01-05T10:00:00.000Z");
        envelope.put("SignatureVersion", "1");
        envelope.put("Signature", "EXAMPLE");
        return envelope.toString();
    }

    public String runId() {
        return runId;
    }

    /** Every SQS message body, in sending order: {@link #openings()}, then {@link #rest()}. */
    public List<String> bodies() {
        List<String> all = new ArrayList<>(openings);
        all.addAll(rest);
        return all;
    }

    /** Each alarm's first ALARM, one per alarm. */
    public List<String> openings() {
        return openings;
    }

    /** The later transitions (and the redeliveries), shuffled across alarms, each alarm's in order. */
    public List<String> rest() {
        return rest;
    }

    /** The final state of each alarm's incident, by instance id (the incident's {@code resource} label). */
    public Map<String, FinalState> expected() {
        return expected;
    }

    /**
     * Sends every message to the queue in batches of ten, spread evenly over {@code over} (zero: as fast as SQS
     * takes them). Returns when all are sent. A batch entry SQS refuses is sent again.
     */
    public void send(SqsClient sqs, String queueUrl, Duration over) throws InterruptedException {
        send(sqs, queueUrl, bodies(), over);
    }

    /** Sends {@code bodies} as {@link #send(SqsClient, String, Duration)} sends the whole storm. */
    public static void send(SqsClient sqs, String queueUrl, List<String> bodies, Duration over)
            throws InterruptedException {
        long start = System.nanoTime();
        int batches = (bodies.size() + 9) / 10;
        for (int b = 0; b < batches; b++) {
            long due = start + over.toNanos() * b / Math.max(1, batches);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000); // CHECKSTYLE:OK the storm is paced over wall-clock time
            }
            List<String> batch = bodies.subList(b * 10, Math.min(bodies.size(), b * 10 + 10));
            sendBatch(sqs, queueUrl, batch);
        }
    }

    private static void sendBatch(SqsClient sqs, String queueUrl, List<String> batch) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .messageBody(batch.get(i))
                    .build());
        }
        while (!entries.isEmpty()) {
            SendMessageBatchResponse response =
                    sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(List.copyOf(entries)));
            java.util.Set<String> failed = new java.util.HashSet<>();
            response.failed().forEach(f -> failed.add(f.id()));
            entries.removeIf(e -> !failed.contains(e.id()));
        }
    }
}
