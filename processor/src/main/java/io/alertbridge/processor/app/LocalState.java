package io.alertbridge.processor.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The processor's own files beside Kafka Streams' state directory of one application id
 * ({@code <stateDir>/streams/<application.id>}):
 *
 * <ul>
 *   <li>{@code <application.id>.running}: present from {@link #markRunning()} until {@link #markClosedCleanly()}; found
 *       at start, it means the previous run did not close cleanly ({@link CrashRecovery}).
 *   <li>{@code <application.id>.instance}: a random id made once and kept, so that this state directory is the same
 *       consumer-group member across restarts ({@link #instanceId()}). A copy of the state directory given to a second
 *       instance must not keep it: two members with one id fence each other.
 * </ul>
 *
 * <p>{@link #wipe()} deletes the task and global state directories of the application and nothing else: Kafka
 * Streams' process id file stays, so the restarted process keeps its transactional ids and the broker fences and
 * aborts the killed process's open transactions at once. Not thread-safe: used while the processor starts and stops.
 */
final class LocalState {

    private static final Logger LOG = LoggerFactory.getLogger(LocalState.class);

    /** Kafka Streams' task directories ({@code <subtopology>_<partition>}) and the global store's. */
    private static final Pattern STATE_DIRECTORY = Pattern.compile("\\d+_\\d+|global");

    private final Path root;
    private final Path applicationDir;
    private final Path runningMarker;
    private final Path instanceFile;

    /**
     * @param streamsStateDir Kafka Streams' {@code state.dir}
     * @param applicationId Kafka Streams' {@code application.id}
     */
    LocalState(Path streamsStateDir, String applicationId) {
        this.root = streamsStateDir;
        this.applicationDir = streamsStateDir.resolve(applicationId);
        this.runningMarker = streamsStateDir.resolve(applicationId + ".running");
        this.instanceFile = streamsStateDir.resolve(applicationId + ".instance");
    }

    /** Whether the previous run closed cleanly (or there was none). */
    boolean lastRunEndedCleanly() {
        return !Files.exists(runningMarker);
    }

    /** Whether task or global state directories exist. */
    boolean hasLocalState() {
        return !stateDirectories().isEmpty();
    }

    /** Deletes the task and global state directories. */
    void wipe() {
        List<Path> dirs = stateDirectories();
        for (Path dir : dirs) {
            deleteTree(dir);
        }
        LOG.info("Wiped {} state directories under {}", dirs.size(), applicationDir);
    }

    /** Leaves the marker of a run in progress. */
    void markRunning() {
        try {
            Files.createDirectories(root);
            Files.writeString(runningMarker, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runningMarker, e);
        }
    }

    /** Removes the marker: every store was closed and checkpointed. */
    void markClosedCleanly() {
        try {
            Files.deleteIfExists(runningMarker);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: the next start will restore state from the changelogs", runningMarker, e);
        }
    }

    /** This state directory's member id, made on first use and kept in {@code <application.id>.instance}. */
    String instanceId() {
        try {
            if (Files.exists(instanceFile)) {
                String id =
                        Files.readString(instanceFile, StandardCharsets.UTF_8).trim();
                if (!id.isEmpty()) {
                    return id;
                }
            }
            Files.createDirectories(root);
            String id = UUID.randomUUID().toString();
            Files.writeString(instanceFile, id + "\n", StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + instanceFile, e);
        }
    }

    private List<Path> stateDirectories() {
        if (!Files.isDirectory(applicationDir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(applicationDir)) {
            return new ArrayList<>(children.filter(Files::isDirectory)
                    .filter(p ->
                            STATE_DIRECTORY.matcher(p.getFileName().toString()).matches())
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + applicationDir, e);
        }
    }

    private static void deleteTree(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
