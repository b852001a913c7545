package io.alertbridge.processor.replay;

import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.rules.RuleBook;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code alertbridge rules apply FILE --preview 7d}: replays one range of history twice in memory, under the rules in
 * force and under the rules as they would be once the file is applied, and compares the two ({@link PreviewDiff}).
 * Comparing two replays, not a replay with production's output, keeps the comparison about the rules alone: both
 * runs start from the same empty state and see the same records. Never writes to the cluster, never calls Slack.
 */
public final class RulePreview {

    private RulePreview() {}

    /**
     * The outcome.
     *
     * @param current what the rules in force produce over the range
     * @param proposed what the proposed rules produce
     * @param diff how they differ
     * @param records history records replayed (per run)
     * @param elapsed how long both runs took
     */
    public record Outcome(
            ReplayReport current, ReplayReport proposed, PreviewDiff diff, long records, Duration elapsed) {}

    /**
     * Previews.
     *
     * @param config the processor's configuration (topics, stage settings)
     * @param clientProperties Kafka client settings to read history with
     * @param from start of the range (inclusive)
     * @param to end of the range (exclusive)
     * @param current the rules in force
     * @param proposed the rules once applied
     * @param runOn how long time runs on after the last record, so waits and holds play out
     * @param progress where to draw progress, or null
     */
    public static Outcome run(
            ProcessorConfig config,
            Map<String, Object> clientProperties,
            Instant from,
            Instant to,
            RuleBook current,
            RuleBook proposed,
            Duration runOn,
            PrintStream progress)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        ReplayReport before = new ReplayReport(config.topicCatalog());
        long records = Replay.replayInto(
                before, config, clientProperties, new Replay.Options(from, to, current, 0, runOn), progress, null);
        ReplayReport after = new ReplayReport(config.topicCatalog());
        Replay.replayInto(
                after, config, clientProperties, new Replay.Options(from, to, proposed, 0, runOn), progress, null);
        PreviewDiff diff =
                PreviewDiff.between(before, after, proposed.defaultRoute().id());
        return new Outcome(before, after, diff, records, Duration.ofNanos(System.nanoTime() - started));
    }
}
