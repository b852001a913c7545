package io.alertbridge.bench;

import io.alertbridge.testkit.TestKitKafka;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.devkit.PersistentKafka;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Start-up time and retained heap of the in-process infrastructure: the test-kit broker, the persistent
 * {@code KafkaRaftServer} broker of dev mode, and ElasticMQ. Heap is the used heap after a full GC with the
 * server running, minus the same before it started. Run: {@code bench/run BrokerStartup}.
 */
public final class BrokerStartup {

    private BrokerStartup() {}

    public static void main(String[] args) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.out.printf("%-28s %12s %14s%n", "server", "startup ms", "heap MB");

        long base = usedAfterGc(memory);
        long t0 = System.nanoTime();
        try (EmbeddedKafka kafka = TestKitKafka.start()) {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            print("kafka (test kit)", ms, usedAfterGc(memory) - base);
        }

        Path dir = Files.createTempDirectory("bench-kafka");
        base = usedAfterGc(memory);
        t0 = System.nanoTime();
        try (PersistentKafka kafka = EmbeddedKafka.persistent(dir, 0)) {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            print("kafka (KafkaRaftServer)", ms, usedAfterGc(memory) - base);
            kafka.stop();
            t0 = System.nanoTime();
            kafka.start();
            print("kafka (restart, same dir)", (System.nanoTime() - t0) / 1_000_000, usedAfterGc(memory) - base);
        }

        base = usedAfterGc(memory);
        t0 = System.nanoTime();
        try (EmbeddedSqs sqs = EmbeddedSqs.start(0, "bench")) {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            print("sqs (ElasticMQ)", ms, usedAfterGc(memory) - base);
        }
    }

    private static void print(String name, long ms, long bytes) {
        System.out.printf("%-28s %12d %14.1f%n", name, ms, bytes / 1024.0 / 1024.0);
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
