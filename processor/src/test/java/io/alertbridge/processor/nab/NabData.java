package io.alertbridge.processor.nab;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.schemas.serde.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The NAB subset of {@code ../shared/data/nab} (see its README.md): per detector and corpus, every series' points
 * with the detector's score, the labelled anomaly windows, and each detector's standard threshold.
 *
 * @param root the {@code nab} directory
 */
record NabData(Path root) {

    static final List<String> DETECTORS = List.of("numenta", "randomCutForest");
    static final List<String> CORPORA = List.of("realAWSCloudwatch", "realKnownCause");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * Finds the data: {@code -Dalertbridge.nab.dir}, else {@code ALERTBRIDGE_NAB_DIR}, else {@code shared/data/nab}
     * in a parent of the working directory (the worktrees sit next to {@code shared}).
     */
    static Optional<NabData> locate() {
        String configured = System.getProperty("alertbridge.nab.dir", System.getenv("ALERTBRIDGE_NAB_DIR"));
        if (configured != null) {
            return Optional.of(new NabData(Path.of(configured))).filter(NabData::present);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            NabData candidate = new NabData(dir.resolve("shared/data/nab"));
            if (candidate.present()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    boolean present() {
        return Files.isRegularFile(root.resolve("config/thresholds.json"))
                && Files.isRegularFile(root.resolve("labels/combined_windows.json"));
    }

    /** The detector's threshold that NAB found best ({@code <detector>.standard.threshold}). */
    double threshold(String detector) {
        return read(root.resolve("config/thresholds.json"))
                .path(detector)
                .path("standard")
                .path("threshold")
                .asDouble(Double.NaN);
    }

    /** Every series of the detector in the corpora, in file name order. */
    List<Series> series(String detector) {
        JsonNode windows = read(root.resolve("labels/combined_windows.json"));
        List<Series> all = new ArrayList<>();
        for (String corpus : CORPORA) {
            Path dir = root.resolve("results").resolve(detector).resolve(corpus);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString().substring(detector.length() + 1);
                    all.add(new Series(corpus + "/" + name, points(file), windows(windows.path(corpus + "/" + name))));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    private static List<Point> points(Path csv) {
        try {
            List<String> lines = Files.readAllLines(csv);
            List<String> header = List.of(lines.get(0).split(","));
            int time = header.indexOf("timestamp");
            int value = header.indexOf("value");
            int score = header.indexOf("anomaly_score");
            List<Point> points = new ArrayList<>(lines.size());
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                points.add(new Point(
                        instant(cells[time]), Double.parseDouble(cells[value]), Double.parseDouble(cells[score])));
            }
            return points;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Window> windows(JsonNode list) {
        List<Window> windows = new ArrayList<>();
        for (JsonNode window : list) {
            windows.add(new Window(
                    instant(window.get(0).asText()), instant(window.get(1).asText())));
        }
        return windows;
    }

    private static Instant instant(String text) {
        return LocalDateTime.parse(text.substring(0, 19), TIME).toInstant(ZoneOffset.UTC);
    }

    private static JsonNode read(Path file) {
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One scored point. */
    record Point(Instant at, double value, double score) {}

    /** A labelled anomaly window, both ends inclusive. */
    record Window(Instant start, Instant end) {
        boolean contains(Instant at) {
            return !at.isBefore(start) && !at.isAfter(end);
        }
    }

    /** A series with its ground truth. */
    record Series(String id, List<Point> points, List<Window> windows) {}
}
