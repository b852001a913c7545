package io.alertbridge.bench;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.testkit.TestKitKafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The scaling curve of the whole topology, for sizing a deployment: {@link FullTopologyThroughput}'s rounds (the whole
 * topology and a pass-through, exactly-once, bounded RocksDB, the same workload) over a grid of stream threads
 * ({@code streams.numThreads}) and input partitions, on one in-process broker. Every run has topics of its own (prefix
 * {@code bench.<run>.}), filled with the workload before it starts; each round visits every cell of the grid in
 * turn, pass-through then whole topology, so the machine's load drifts over all cells alike; per cell the medians of
 * the rounds that did not stall twice, their ratio, and the whole topology's throughput relative to the grid's first
 * cell. A warm-up run of
 * both topologies (not counted) comes first, so the JIT's start is not charged to the first cell.
 *
 * <p>Every run is a fresh application on an empty state directory; the internal topics take the input's partition
 * count, so each sub-topology has as many tasks as the input has partitions, and threads beyond the task count idle.
 *
 * <p>Run: {@code bench/run ScalingCurve [records=20000] [rounds=3] [threads=1,2,4] [partitions=1,3,6]}.
 */
public final class ScalingCurve {

    private ScalingCurve() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int[] threads = list(args.length > 2 ? args[2] : "1,2,4");
        int[] partitions = list(args.length > 3 ? args[3] : "1,3,6");
        Path dir = Files.createTempDirectory("bench-scaling");
        double[][][] pass = new double[partitions.length][threads.length][rounds];
        double[][][] full = new double[partitions.length][threads.length][rounds];
        try (EmbeddedKafka kafka = TestKitKafka.start()) {
            System.out.printf(
                    "input: %,d CloudWatch alarm changes per partition count; %d rounds over threads %s x partitions %s%n",
                    records, rounds, Arrays.toString(threads), Arrays.toString(partitions));
            System.out.printf("%-26s %10s %12s%n", "run", "seconds", "records/s");
            // The JIT has not compiled the topology yet: the grid's first cell would pay for it in the first round.
            counted(kafka, dir, "warm-up-pass", records, false, partitions[0], threads[0]);
            counted(kafka, dir, "warm-up-full", records, true, partitions[0], threads[0]);
            for (int round = 0; round < rounds; round++) {
                for (int pi = 0; pi < partitions.length; pi++) {
                    for (int ti = 0; ti < threads.length; ti++) {
                        int p = partitions[pi];
                        int t = threads[ti];
                        String cell = "p" + p + "-t" + t + "-";
                        pass[pi][ti][round] = counted(kafka, dir, cell + "pass-" + round, records, false, p, t);
                        full[pi][ti][round] = counted(kafka, dir, cell + "full-" + round, records, true, p, t);
                    }
                }
            }
        }
        print(threads, partitions, pass, full);
    }

    private static void print(int[] threads, int[] partitions, double[][][] pass, double[][][] full) {
        double first = median(full[0][0]);
        System.out.printf(
                "%n%10s %8s %16s %16s %8s %14s %8s%n",
                "partitions", "threads", "pass-through/s", "whole/s", "ratio", "whole vs first", "rounds");
        for (int pi = 0; pi < partitions.length; pi++) {
            for (int ti = 0; ti < threads.length; ti++) {
                double base = median(pass[pi][ti]);
                double whole = median(full[pi][ti]);
                System.out.printf(
                        "%10d %8d %16.0f %16.0f %8.2f %13.2fx %3d / %d%n",
                        partitions[pi],
                        threads[ti],
                        base,
                        whole,
                        whole / base,
                        whole / first,
                        Arrays.stream(full[pi][ti])
                                .filter(v -> !Double.isNaN(v))
                                .count(),
                        full[pi][ti].length);
            }
        }
    }

    /**
     * One run on topics of its own, retried once on new ones when it stalls; NaN when it stalls twice (the in-process
     * broker's exactly-once stall), so that one cell's lost round does not cost the rest of the grid. Topics of its
     * own, because output topics shared between runs mislead: a stalled run leaves its transaction open, which holds a
     * read-committed reader of the same topic back for every later run (the "retry stalls too" of the replay
     * benchmark), and once the broker aborts it, the reader finds the earlier runs' records and counts them.
     */
    private static double counted(
            EmbeddedKafka kafka, Path dir, String name, int records, boolean full, int partitions, int threads)
            throws Exception {
        for (String attempt : List.of(name, name + "-retry")) {
            FullTopologyThroughput.Layout layout = new FullTopologyThroughput.Layout("bench." + attempt + ".", threads);
            FullTopologyThroughput.prepare(kafka, layout, partitions, records);
            try {
                return FullTopologyThroughput.run(kafka, dir, attempt, records, full, layout);
            } catch (IllegalStateException stalled) {
                System.out.printf("%-26s stalled (%s)%n", attempt, stalled.getMessage());
            }
        }
        System.out.printf("%-26s round not counted%n", name);
        return Double.NaN;
    }

    private static int[] list(String text) {
        return List.of(text.split(",")).stream()
                .mapToInt(s -> Integer.parseInt(s.trim()))
                .toArray();
    }

    /** The median of the rounds that were counted; NaN when none was. */
    private static double median(double[] values) {
        double[] sorted =
                Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
