package io.alertbridge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where this process's CPU time went during a round, by kind of thread: every native thread of the process (Java's,
 * the garbage collector's, the JIT compilers', RocksDB's flush and compaction threads) read from Linux's
 * {@code /proc/self/task/<tid>/stat}, grouped by its name without the numbers that tell threads of one kind apart.
 * {@link java.lang.management.ThreadMXBean} sees only Java threads; the question a whole-process CPU figure raises is
 * how much of it is GC or RocksDB, so this reads the kernel's view. Linux only; elsewhere {@link #snapshot()} is empty.
 *
 * <p>Names are the kernel's {@code comm}: at most 15 characters, so a Kafka Streams thread appears as the start of
 * its client id.
 */
final class ThreadGroupCpu {

    /** Kernel clock ticks per second ({@code getconf CLK_TCK}); 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private static final Path TASKS = Path.of("/proc/self/task");

    private ThreadGroupCpu() {}

    /** A thread's name and its CPU ticks (user + system) so far. */
    record Ticks(String name, long ticks) {}

    /** Every thread of this process now, by thread id. */
    static Map<String, Ticks> snapshot() {
        Map<String, Ticks> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task ->
                    read(task).ifPresent(t -> threads.put(task.getFileName().toString(), t)));
        } catch (IOException | UncheckedIOException e) {
            return Map.of();
        }
        return threads;
    }

    /**
     * CPU seconds per kind of thread between two snapshots, largest first. A thread that ended between them is
     * missing from {@code after} and its time is lost; one that started counts from zero.
     */
    static Map<String, Double> secondsByKind(Map<String, Ticks> before, Map<String, Ticks> after) {
        Map<String, Long> ticks = new HashMap<>();
        after.forEach((tid, now) -> {
            Ticks then = before.get(tid);
            long spent = now.ticks() - (then == null || !then.name().equals(now.name()) ? 0 : then.ticks());
            ticks.merge(kind(now.name()), spent, Long::sum);
        });
        Map<String, Double> seconds = new LinkedHashMap<>();
        ticks.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> seconds.put(e.getKey(), e.getValue() / TICKS_PER_SECOND));
        return seconds;
    }

    /** The kind of a thread: its name with digits and the separators around them gone ("GC Thread#1" → "GC Thread"). */
    static String kind(String name) {
        String kind = name.replaceAll("[0-9]+", "").replaceAll("[-_#:. ]+$", "").replaceAll("[-_#:. ]{2,}", "-");
        return kind.isBlank() ? name : kind;
    }

    private static Optional<Ticks> read(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
            // pid (comm) state ... : comm may hold spaces and parentheses, so split at the last ')'.
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            String name = stat.substring(open + 1, close);
            String[] fields = stat.substring(close + 2).split(" ");
            // After the comm: state is field 0, utime field 11, stime field 12 (fields 14 and 15 of proc(5)).
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return Optional.of(new Ticks(name, ticks));
        } catch (IOException | RuntimeException e) {
            // The thread ended between listing and reading.
            return Optional.empty();
        }
    }
}
