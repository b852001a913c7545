package io.alertbridge.bench;

import io.alertbridge.processor.aws.AwsMessageNormalizer;
import io.alertbridge.processor.aws.Normalized;
import io.alertbridge.processor.config.NormalizeSlice;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToLongFunction;

/**
 * CPU time per record of the normalize stage's own work, without a broker: the raw record read from its bytes, the
 * AWS message normalized ({@link AwsMessageNormalizer}), each alert written as the alerts topic's JSON; next to the
 * pass-through's work on the same records in the same run (the raw record read and written back, what the baseline
 * of {@code NormalizeDedupeThroughput} does per record). The mix is {@code NormalizeDedupeThroughput}'s. Also the
 * normalizer alone per kind of message. This thread's CPU time, so the figures hold on a loaded machine; medians of
 * the rounds.
 *
 * <p>Run: {@code bench/run NormalizeCost [records=100000] [rounds=7]}.
 */
public final class NormalizeCost {

    /** Where the results go, so the JIT cannot drop the work measured. */
    private static volatile long sink;

    private NormalizeCost() {}

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Topics topics = Topics.withPrefix("bench.");
        TopicSpec<String, RawAwsMessage> raw = topics.awsRaw();
        TopicSpec<String, AlertEvent> alerts = topics.alerts();
        Serializer<RawAwsMessage> rawOut = raw.valueSerde().serializer();
        Deserializer<RawAwsMessage> rawIn = raw.valueSerde().deserializer();
        Serializer<AlertEvent> alertOut = alerts.valueSerde().serializer();
        AwsMessageNormalizer normalizer = new AwsMessageNormalizer(NormalizeSlice.defaults());

        Random random = new Random(42);
        List<byte[]> records = new ArrayList<>(count);
        Map<String, List<RawAwsMessage>> byKind = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            RawAwsMessage message = NormalizeDedupeThroughput.message(i, random);
            records.add(rawOut.serialize(raw.name(), message));
            byKind.computeIfAbsent(kind(message), k -> new ArrayList<>()).add(message);
        }

        ToLongFunction<byte[]> passThrough =
                bytes -> rawOut.serialize(raw.name(), rawIn.deserialize(raw.name(), bytes)).length;
        ToLongFunction<byte[]> normalize = bytes -> {
            Normalized outcome = normalizer.normalize(rawIn.deserialize(raw.name(), bytes));
            long written = 0;
            if (outcome instanceof Normalized.Events events) {
                for (AlertEvent event : events.events()) {
                    written += alertOut.serialize(alerts.name(), event).length;
                }
            }
            return written + 1;
        };

        System.out.printf(
                "%,d records of NormalizeDedupeThroughput's mix, %d rounds, µs of this thread's CPU per record%n",
                count, rounds);
        // Rounds alternate, after one unmeasured round of each, so that both meet the same JIT and heap.
        microsPerCall(records, passThrough);
        microsPerCall(records, normalize);
        double[] baseRounds = new double[rounds];
        double[] stageRounds = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            baseRounds[r] = microsPerCall(records, passThrough);
            stageRounds[r] = microsPerCall(records, normalize);
        }
        double base = median(baseRounds);
        double stage = median(stageRounds);
        System.out.printf("%-58s %8.2f%n", "pass-through (raw record read and written)", base);
        System.out.printf(
                "%-58s %8.2f  (%.2fx the pass-through's)%n",
                "normalize (raw record read, normalized, alerts written)", stage, stage / base);
        for (Map.Entry<String, List<RawAwsMessage>> kind : byKind.entrySet()) {
            double alone = median(kind.getValue(), m -> outcomeSize(normalizer.normalize(m)), rounds);
            System.out.printf(
                    "%-58s %8.2f  (%,d records)%n",
                    "  normalizer alone: " + kind.getKey(),
                    alone,
                    kind.getValue().size());
        }
    }

    /** Something of the outcome to keep, cheaper to take than its hash (which hashes every alert it holds). */
    private static long outcomeSize(Normalized outcome) {
        return outcome instanceof Normalized.Events events ? events.events().size() : 0;
    }

    private static String kind(RawAwsMessage message) {
        String body = message.body();
        if (message.snsMessageId() != null) {
            return "CloudWatch alarm in an SNS envelope";
        }
        if (body.contains("\"eventSource\"")) {
            return "CloudTrail record";
        }
        if (body.contains("\"CloudWatch Alarm State Change\"") && body.endsWith("}")) {
            return "EventBridge alarm state change";
        }
        return "unreadable";
    }

    private static <T> double median(List<T> inputs, ToLongFunction<T> work, int rounds) {
        double[] perRound = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            perRound[r] = microsPerCall(inputs, work);
        }
        return median(perRound);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static <T> double microsPerCall(List<T> inputs, ToLongFunction<T> work) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        long start = threads.getCurrentThreadCpuTime();
        for (T input : inputs) {
            total += work.applyAsLong(input);
        }
        long cpu = threads.getCurrentThreadCpuTime() - start;
        sink = total;
        return cpu / 1_000.0 / inputs.size();
    }
}
