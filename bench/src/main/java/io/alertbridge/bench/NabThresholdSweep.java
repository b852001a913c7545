package io.alertbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.processor.anomaly.Hysteresis;
import io.alertbridge.processor.anomaly.SeriesState;
import io.alertbridge.processor.config.DetectSlice;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.ThresholdRule;
import io.alertbridge.schemas.serde.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How the hysteresis parameters trade alerts against caught anomaly windows on real detector output (NAB's
 * {@code numenta} and {@code randomCutForest} over {@code realAWSCloudwatch} and {@code realKnownCause}, each at its
 * NAB standard threshold): for a grid of k-of-n, clear count m and clear threshold, the FIRINGs, the ratio of raw
 * points at or above the threshold to FIRINGs, and the labelled windows that the raw points touch but no FIRING
 * lands in. The row of the product's defaults ({@link DetectSlice#defaults()}) is starred. The baseline is one alert
 * per raw point (ratio 1). Pure computation through {@link Hysteresis}; no Kafka.
 *
 * <p>Run: {@code bench/run NabThresholdSweep [nab-dir]} (default: {@code shared/data/nab} above the working
 * directory).
 */
public final class NabThresholdSweep {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int[][] K_OF_N = {{1, 1}, {2, 3}, {2, 5}, {3, 5}};
    private static final int[] CLEAR_COUNTS = {1, 6, 12, 24, 48, 96};
    private static final double[] CLEAR_THRESHOLDS = {0.3, -1};

    private NabThresholdSweep() {}

    public static void main(String[] args) throws IOException {
        Path nab = args.length > 0 ? Path.of(args[0]) : locate();
        if (nab == null) {
            System.out.println("NAB data not found (no shared/data/nab above "
                    + Path.of("").toAbsolutePath() + "); pass its directory as the argument");
            return;
        }
        JsonNode thresholds =
                Json.mapper().readTree(nab.resolve("config/thresholds.json").toFile());
        JsonNode windows = Json.mapper()
                .readTree(nab.resolve("labels/combined_windows.json").toFile());
        DetectSlice defaults = DetectSlice.defaults();
        for (String detector : List.of("numenta", "randomCutForest")) {
            double fire =
                    thresholds.path(detector).path("standard").path("threshold").asDouble();
            List<Series> series = load(nab, detector, windows);
            System.out.printf("%n%s (fire threshold %.4f, %d series)%n", detector, fire, series.size());
            System.out.printf(
                    "  %-3s %-6s %4s %6s %8s %8s %12s %8s %8s%n",
                    "", "k/n", "m", "clear", "FIRINGs", "raw/FIR", "touched", "missed", "outside");
            for (int[] kn : K_OF_N) {
                for (int m : CLEAR_COUNTS) {
                    for (double clearSetting : CLEAR_THRESHOLDS) {
                        double clear = clearSetting < 0 ? fire : Math.min(clearSetting, fire);
                        ThresholdRule rule =
                                new ThresholdRule("sweep", 1, List.of(), fire, clear, kn[0], kn[1], m, null);
                        boolean isDefault = kn[0] == defaults.fireCount()
                                && kn[1] == defaults.fireWindow()
                                && m == defaults.clearCount()
                                && clearSetting == defaults.clearThreshold();
                        print(isDefault, kn, m, clear, evaluate(series, detector, rule));
                    }
                }
            }
        }
    }

    private static void print(boolean isDefault, int[] kn, int m, double clear, int[] r) {
        System.out.printf(
                "  %-3s %-6s %4d %6.3f %8d %7.1fx %5d of %-4d %8d %8d%n",
                isDefault ? "*" : "",
                kn[0] + "/" + kn[1],
                m,
                clear,
                r[1],
                r[0] / (double) Math.max(1, r[1]),
                r[2],
                r[3],
                r[4],
                r[5]);
    }

    /** Raw points, FIRINGs, touched windows, all windows, touched windows missed, FIRINGs outside windows. */
    private static int[] evaluate(List<Series> all, String detector, ThresholdRule rule) {
        int[] r = new int[6];
        for (Series series : all) {
            SeriesState state = null;
            List<Instant> firings = new ArrayList<>();
            for (double[] point : series.points) {
                Instant at = Instant.ofEpochSecond((long) point[0]);
                if (point[2] >= rule.fireThreshold()) {
                    r[0]++;
                }
                Hysteresis.Step step = Hysteresis.step(
                        state,
                        new AnomalyScore(detector, series.id, null, null, at, point[2], point[1], Map.of()),
                        rule);
                state = step.state();
                if (step.transition() != null && step.transition().status() == AlertStatus.FIRING) {
                    firings.add(at);
                }
            }
            r[1] += firings.size();
            for (Instant[] window : series.windows) {
                boolean touched = series.points.stream()
                        .anyMatch(p ->
                                p[2] >= rule.fireThreshold() && inside(Instant.ofEpochSecond((long) p[0]), window));
                boolean fired = firings.stream().anyMatch(at -> inside(at, window));
                r[2] += touched ? 1 : 0;
                r[3]++;
                r[4] += touched && !fired ? 1 : 0;
            }
            r[5] += (int) firings.stream()
                    .filter(at -> series.windows.stream().noneMatch(w -> inside(at, w)))
                    .count();
        }
        return r;
    }

    private static boolean inside(Instant at, Instant[] window) {
        return !at.isBefore(window[0]) && !at.isAfter(window[1]);
    }

    private static List<Series> load(Path nab, String detector, JsonNode windows) throws IOException {
        List<Series> all = new ArrayList<>();
        for (String corpus : List.of("realAWSCloudwatch", "realKnownCause")) {
            try (Stream<Path> files =
                    Files.list(nab.resolve("results").resolve(detector).resolve(corpus))) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString().substring(detector.length() + 1);
                    List<String> lines = Files.readAllLines(file);
                    List<String> header = List.of(lines.get(0).split(","));
                    int time = header.indexOf("timestamp");
                    int value = header.indexOf("value");
                    int score = header.indexOf("anomaly_score");
                    List<double[]> points = new ArrayList<>();
                    for (String line : lines.subList(1, lines.size())) {
                        String[] cells = line.split(",");
                        points.add(new double[] {
                            instant(cells[time]).getEpochSecond(),
                            Double.parseDouble(cells[value]),
                            Double.parseDouble(cells[score])
                        });
                    }
                    List<Instant[]> labelled = new ArrayList<>();
                    for (JsonNode window : windows.path(corpus + "/" + name)) {
                        labelled.add(new Instant[] {
                            instant(window.get(0).asText()),
                            instant(window.get(1).asText())
                        });
                    }
                    all.add(new Series(corpus + "/" + name, points, labelled));
                }
            }
        }
        return all;
    }

    private static Instant instant(String text) {
        return LocalDateTime.parse(text.substring(0, 19), TIME).toInstant(ZoneOffset.UTC);
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path nab = dir.resolve("shared/data/nab");
            if (Files.isRegularFile(nab.resolve("config/thresholds.json"))) {
                return nab;
            }
        }
        return null;
    }

    private record Series(String id, List<double[]> points, List<Instant[]> windows) {}
}
