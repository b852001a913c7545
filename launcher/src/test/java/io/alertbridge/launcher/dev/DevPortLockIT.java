package io.alertbridge.launcher.dev;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link DevPortLock} between two processes (the case of two {@code alertbridge dev} starting at once, or a test's
 * dev beside another's) and between two threads of one JVM.
 */
class DevPortLockIT {

    @Test
    void shouldMakeAnotherProcessWaitUntilTheLockIsReleased(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ports.lock");
        List<String> childSaid = new CopyOnWriteArrayList<>();
        Process child;
        try (DevPortLock held = DevPortLock.acquire(file)) {
            assertThat(held.holdsTheFileLock()).isTrue();
            child = new ProcessBuilder(
                            ProcessHandle.current().info().command().orElse("java"),
                            "-cp",
                            System.getProperty("java.class.path"),
                            Child.class.getName(),
                            file.toString())
                    .redirectErrorStream(true)
                    .start();
            CompletableFuture.runAsync(() -> readLines(child, childSaid));
            await().atMost(Duration.ofSeconds(60)).until(() -> childSaid.contains("waiting"));

            await().during(Duration.ofMillis(700))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> !childSaid.contains("acquired"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> childSaid.contains("acquired"));
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(childSaid.toString()).isZero();
    }

    @Test
    void shouldMakeAnotherThreadOfTheSameJvmWait(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ports.lock");
        CompletableFuture<Void> second;
        try (DevPortLock held = DevPortLock.acquire(file)) {
            second = CompletableFuture.runAsync(() -> DevPortLock.acquire(file).close());

            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !second.isDone());
        }
        second.get(30, TimeUnit.SECONDS);
        assertThat(second).isCompleted();
    }

    @Test
    void shouldStartWithoutTheFileLockWhenTheFileCannotBeOpened(@TempDir Path dir) {
        try (DevPortLock lock =
                DevPortLock.acquire(dir.resolve("missing-directory").resolve("ports.lock"))) {
            assertThat(lock.holdsTheFileLock()).isFalse();
        }
        try (DevPortLock again = DevPortLock.acquire(dir.resolve("ports.lock"))) {
            assertThat(again.holdsTheFileLock())
                    .as("the JVM's own lock was released")
                    .isTrue();
        }
    }

    private static void readLines(Process process, List<String> lines) {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line.strip());
            }
        } catch (IOException e) {
            lines.add("read failed: " + e);
        }
    }

    /** The other process: says when it starts waiting and when it holds the lock. */
    public static final class Child {

        private Child() {}

        public static void main(String[] args) {
            System.out.println("waiting"); // CHECKSTYLE:OK the test reads the child's standard output
            System.out.flush();
            try (DevPortLock lock = DevPortLock.acquire(Path.of(args[0]))) {
                System.out.println(lock.holdsTheFileLock() ? "acquired" : "no lock"); // CHECKSTYLE:OK as above
            }
        }
    }
}
