package io.alertbridge.bench;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time a benchmark round spent, per record: on the stream threads of its application (Kafka Streams names them
 * {@code <client id>-StreamThread-N}, and the client id starts with the application id) and in this whole process
 * (the in-process broker included). CPU time, unlike a wall-clock rate, holds when other work shares the machine: a
 * change that saves CPU shows here even when the rounds' rates are inside the machine's noise.
 *
 * @param streamThreadMicros stream threads' CPU time per record, in microseconds
 * @param processMicros this process's CPU time per record over the round, in microseconds
 */
record RoundCpu(double streamThreadMicros, double processMicros) {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** This process's CPU time so far, in nanoseconds: take it before the round starts. */
    static long processNanos() {
        return PROCESS.getProcessCpuTime();
    }

    /**
     * The round's figures: call while the application still runs (its stream threads' times go with them).
     *
     * @param applicationId the round's application id
     * @param processNanosAtStart {@link #processNanos()} before the round started
     * @param records the records of the round
     */
    static RoundCpu of(String applicationId, long processNanosAtStart, long records) {
        long streamNanos = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null
                    && info.getThreadName().startsWith(applicationId + "-")
                    && info.getThreadName().contains("-StreamThread-")) {
                long nanos = THREADS.getThreadCpuTime(info.getThreadId());
                streamNanos += Math.max(0, nanos);
            }
        }
        return new RoundCpu(streamNanos / 1e3 / records, (processNanos() - processNanosAtStart) / 1e3 / records);
    }
}
