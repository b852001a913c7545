package io.alertbridge.bench;

import io.alertbridge.schemas.text.IsoInstants;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU time per instant written and read as ISO-8601 text by hand ({@link IsoInstants}) against {@code java.time}'s
 * formatters in the same run: {@link Instant#toString()} (what Jackson's JavaTimeModule writes), {@link
 * Instant#parse} (what it reads), and CloudWatch's {@code +0000} form as the processor read it before (a pattern
 * turning the offset into {@code +00:00}, then {@link OffsetDateTime#parse}). Instants of 2024 with milliseconds, as
 * alarms carry them. This thread's CPU time, so the figure holds on a loaded machine; medians of the rounds.
 *
 * <p>Run: {@code bench/run InstantTextCost [instants=200000] [rounds=7]}.
 */
public final class InstantTextCost {

    private static final Pattern COLONLESS_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");
    private static final DateTimeFormatter CLOUDWATCH = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxx");

    /** Where the results' hashes go, so the JIT cannot drop the calls measured. */
    private static volatile long sink;

    private InstantTextCost() {}

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        SplittableRandom random = new SplittableRandom(42);
        List<Instant> instants = new ArrayList<>(count);
        List<String> zulu = new ArrayList<>(count);
        List<String> cloudWatch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant at = Instant.ofEpochMilli(random.nextLong(1_704_067_200_000L, 1_735_689_600_000L));
            instants.add(at);
            zulu.add(at.toString());
            cloudWatch.add(at.atOffset(java.time.ZoneOffset.UTC).format(CLOUDWATCH));
        }
        System.out.printf(
                "%,d instants of 2024 with milliseconds, %d rounds, ns of this thread's CPU per instant%n",
                count, rounds);
        System.out.printf("%-44s %12s %12s %7s%n", "", "java.time", "by hand", "ratio");
        row("write (Instant.toString / IsoInstants.format)", instants, Instant::toString, IsoInstants::format, rounds);
        row("read ISO Z (Instant.parse / IsoInstants.parse)", zulu, Instant::parse, IsoInstants::parse, rounds);
        row(
                "read CloudWatch +0000 (as before / by hand)",
                cloudWatch,
                InstantTextCost::colonless,
                IsoInstants::parse,
                rounds);
    }

    private static Instant colonless(String text) {
        Matcher m = COLONLESS_OFFSET.matcher(text);
        return OffsetDateTime.parse(m.replaceFirst("$1:$2"), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toInstant();
    }

    private static <T, R> void row(
            String name, List<T> inputs, Function<T, R> baseline, Function<T, R> byHand, int rounds) {
        for (T input : inputs.subList(0, Math.min(1_000, inputs.size()))) {
            if (!baseline.apply(input).equals(byHand.apply(input))) {
                throw new IllegalStateException(name + ": the two disagree on " + input);
            }
        }
        double[] base = new double[rounds];
        double[] hand = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            base[r] = nanosPerCall(inputs, baseline);
            hand[r] = nanosPerCall(inputs, byHand);
        }
        Arrays.sort(base);
        Arrays.sort(hand);
        double b = base[rounds / 2];
        double h = hand[rounds / 2];
        System.out.printf("%-44s %12.1f %12.1f %7.2f%n", name, b, h, h / b);
    }

    private static <T, R> double nanosPerCall(List<T> inputs, Function<T, R> f) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long hashes = 0;
        long start = threads.getCurrentThreadCpuTime();
        for (T input : inputs) {
            hashes += f.apply(input).hashCode();
        }
        long cpu = threads.getCurrentThreadCpuTime() - start;
        sink = hashes;
        return (double) cpu / inputs.size();
    }
}
