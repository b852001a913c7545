package io.alertbridge.processor.nab;

import io.alertbridge.processor.anomaly.AnomalyAlerts;
import io.alertbridge.processor.anomaly.RingChunk;
import io.alertbridge.processor.anomaly.SeriesRing;
import io.alertbridge.processor.anomaly.SeriesState;
import io.alertbridge.processor.config.DetectSlice;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.fixtures.Driver;
import io.alertbridge.processor.rules.Attributes;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.processor.topology.DetectStage;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.ThresholdRule;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real AI detector output through the detect stage's decisions: every series of NAB's {@code realAWSCloudwatch} and
 * {@code realKnownCause} corpora, scored by {@code numenta} and {@code randomCutForest}, replayed as
 * {@link AnomalyScore}s with each detector's NAB threshold as its fire threshold and the product's default hysteresis
 * ({@link DetectSlice#defaults()}) for the rest. Logs, per detector, the table of the issue; asserts that every
 * labelled window the raw scores touch gets a FIRING, with fewer alerts than raw points.
 *
 * <p>The 275,000 points go through the stage's decision path without Kafka (rule lookup, hysteresis, rendering:
 * about a second); a second test pipes one real series through the {@link DetectStage} itself in
 * TopologyTestDriver and checks it emits exactly the same events (all series that way take about 45 s here).
 *
 * <p>Skipped, saying why, when {@code ../shared/data/nab} is absent.
 */
class NabReplayTest {

    private static final Logger LOG = LoggerFactory.getLogger(NabReplayTest.class);
    private static final Topics TOPICS = Topics.defaults();
    private static final TopicSpec<String, AlertEvent> OUT = new TopicSpec<>(
            "detected", TOPICS.alerts().keySerde(), TOPICS.alerts().valueSerde(), TopicSpec.Cleanup.DELETE);

    @TempDir
    Path stateDir;

    @Test
    void shouldGiveEveryWindowTheRawScoresTouchAFiringWithFewerAlertsThanRawPoints() {
        NabData nab = NabData.locate().orElse(null);
        Assumptions.assumeTrue(
                nab != null,
                "NAB data not found: no shared/data/nab above " + Path.of("").toAbsolutePath()
                        + " and no -Dalertbridge.nab.dir; skipping the NAB replay");

        List<Row> rows = new ArrayList<>();
        for (String detector : NabData.DETECTORS) {
            rows.add(replay(nab, detector));
        }

        LOG.info("NAB replay, hysteresis {}:\n{}", DetectSlice.defaults(), Row.table(rows));
        for (Row row : rows) {
            assertThat(row.missed())
                    .as(row.detector() + ": touched windows without a FIRING")
                    .isZero();
            assertThat(row.firings())
                    .as(row.detector() + ": FIRINGs")
                    .isPositive()
                    .isLessThan(row.rawPoints());
        }
    }

    private Row replay(NabData nab, String detector) {
        ThresholdRule rule = ruleFor(nab, detector);
        Row.Builder row = new Row.Builder(detector, rule.fireThreshold());
        for (NabData.Series series : nab.series(detector)) {
            row.add(series, firings(DecisionPath.replay(series, detector, rules(rule))));
        }
        return row.build();
    }

    @Test
    void shouldDecideInTheDetectStageExactlyAsTheReplayDoes() {
        NabData nab = NabData.locate().orElse(null);
        Assumptions.assumeTrue(nab != null, "NAB data not found; skipping the NAB replay");
        String detector = "numenta";
        NabData.Series series = nab.series(detector).stream()
                .filter(s -> s.id().equals("realAWSCloudwatch/ec2_cpu_utilization_825cc2.csv"))
                .findFirst()
                .orElseThrow();
        RuleBook rules = rules(ruleFor(nab, detector));
        ProcessorConfig config = Driver.config(stateDir);

        List<AlertEvent> viaStage;
        try (Driver driver = Driver.build(config, builder -> new DetectStage(config.detect(), () -> rules, TOPICS)
                .build(
                        builder,
                        builder.stream(
                                TOPICS.anomalyScores().name(),
                                Consumed.with(
                                                TOPICS.anomalyScores().keySerde(),
                                                TOPICS.anomalyScores().valueSerde())
                                        .withName("in")))
                .to(OUT.name(), Produced.with(OUT.keySerde(), OUT.valueSerde()).withName("out")))) {
            TestInputTopic<String, AnomalyScore> scores = driver.input(TOPICS.anomalyScores());
            TestOutputTopic<String, AlertEvent> alerts = driver.output(OUT);
            for (AnomalyScore score : DecisionPath.scores(series, detector)) {
                scores.pipeInput(score.series(), score, score.timestamp());
            }
            viaStage = alerts.readValuesToList();
        }

        assertThat(viaStage).isNotEmpty().isEqualTo(DecisionPath.replay(series, detector, rules));
    }

    private static ThresholdRule ruleFor(NabData nab, String detector) {
        DetectSlice defaults = DetectSlice.defaults();
        double threshold = nab.threshold(detector);
        return new ThresholdRule(
                detector,
                1,
                List.of(Matcher.parse("detector=" + detector)),
                threshold,
                Math.min(defaults.clearThreshold(), threshold),
                defaults.fireCount(),
                defaults.fireWindow(),
                defaults.clearCount(),
                defaults.severity());
    }

    private static RuleBook rules(ThresholdRule rule) {
        return RuleBook.of(List.of(rule), "#alerts");
    }

    private static List<Instant> firings(List<AlertEvent> events) {
        return events.stream()
                .filter(event -> event.status() == AlertStatus.FIRING)
                .map(AlertEvent::occurredAt)
                .toList();
    }

    /** The detect stage's decision path without Kafka: rule lookup, hysteresis, alert rendering. */
    private static final class DecisionPath {
        private DecisionPath() {}

        static List<AnomalyScore> scores(NabData.Series series, String detector) {
            return series.points().stream()
                    .map(p ->
                            new AnomalyScore(detector, series.id(), null, null, p.at(), p.score(), p.value(), Map.of()))
                    .toList();
        }

        static List<AlertEvent> replay(NabData.Series series, String detector, RuleBook rules) {
            DetectSlice defaults = DetectSlice.defaults();
            SeriesState state = null;
            Map<String, RingChunk> ring = new HashMap<>();
            int capacity = defaults.seriesPoints();
            List<AlertEvent> events = new ArrayList<>();
            for (AnomalyScore score : scores(series, detector)) {
                ThresholdRule rule = defaults.effective(rules.thresholdFor(Attributes.of(score)));
                io.alertbridge.processor.anomaly.Hysteresis.Step step =
                        io.alertbridge.processor.anomaly.Hysteresis.step(state, score, rule);
                state = step.state();
                long seq = state.accepted() - 1;
                if (step.accepted()) {
                    String chunk = SeriesRing.chunkKey(AnomalyAlerts.seriesKey(score), seq, capacity);
                    ring.put(chunk, SeriesRing.append(ring.get(chunk), seq, score));
                }
                if (step.transition() != null) {
                    events.add(AnomalyAlerts.event(
                            score,
                            rule,
                            step.transition(),
                            SeriesRing.snapshot(score, rule, seq, capacity, ring::get)));
                }
            }
            return events;
        }
    }

    /** One detector's line of the table. */
    record Row(
            String detector,
            double threshold,
            int rawPoints,
            int firings,
            int windows,
            int touched,
            int windowsWithFiring,
            int firingsOutside,
            int missed) {

        static String table(List<Row> rows) {
            StringBuilder table = new StringBuilder(String.format(
                    "| detector | threshold | raw points >= threshold | FIRINGs | raw/FIRINGs | labelled windows "
                            + "| touched by raw points | with a FIRING inside | touched but missed "
                            + "| FIRINGs outside every window |%n|---|---|---|---|---|---|---|---|---|---|%n"));
            for (Row r : rows) {
                table.append(String.format(
                        "| %s | %.4f | %d | %d | %.1fx | %d | %d | %d | %d | %d |%n",
                        r.detector,
                        r.threshold,
                        r.rawPoints,
                        r.firings,
                        r.rawPoints / (double) r.firings,
                        r.windows,
                        r.touched,
                        r.windowsWithFiring,
                        r.missed,
                        r.firingsOutside));
            }
            for (Row r : rows) {
                table.append(String.format(
                        "%s: 20x fewer alerts would allow at most %d FIRINGs; the %d touched "
                                + "windows alone need %d, so the best ratio that keeps every one is %.1fx%n",
                        r.detector, r.rawPoints / 20, r.touched, r.touched, r.rawPoints / (double) r.touched));
            }
            return table.toString();
        }

        /** Accumulates a detector's counts series by series. */
        static final class Builder {
            private final String detector;
            private final double threshold;
            private final Map<String, Integer> counts = new HashMap<>();

            Builder(String detector, double threshold) {
                this.detector = detector;
                this.threshold = threshold;
            }

            void add(NabData.Series series, List<Instant> firings) {
                long raw = series.points().stream()
                        .filter(p -> p.score() >= threshold)
                        .count();
                count("raw", (int) raw);
                count("firings", firings.size());
                count("windows", series.windows().size());
                for (NabData.Window window : series.windows()) {
                    boolean touched =
                            series.points().stream().anyMatch(p -> p.score() >= threshold && window.contains(p.at()));
                    boolean fired = firings.stream().anyMatch(window::contains);
                    count("touched", touched ? 1 : 0);
                    count("withFiring", fired ? 1 : 0);
                    count("missed", touched && !fired ? 1 : 0);
                }
                count("outside", (int) firings.stream()
                        .filter(at -> series.windows().stream().noneMatch(w -> w.contains(at)))
                        .count());
            }

            private void count(String what, int n) {
                counts.merge(what, n, Integer::sum);
            }

            private int get(String what) {
                return counts.getOrDefault(what, 0);
            }

            Row build() {
                return new Row(
                        detector,
                        threshold,
                        get("raw"),
                        get("firings"),
                        get("windows"),
                        get("touched"),
                        get("withFiring"),
                        get("outside"),
                        get("missed"));
            }
        }
    }
}
