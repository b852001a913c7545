package io.alertbridge.processor.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.connectors.slack.ReplayPoster;
import io.alertbridge.connectors.slack.ReplayRewrite;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.replay.Replay;
import io.alertbridge.processor.replay.ReplayReport;
import io.alertbridge.processor.replay.ReplayReview;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.processor.rules.RulesFile;
import io.alertbridge.schemas.serde.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code alertbridge replay}: what would these rules have done? Runs the same topology over a range of the raw
 * history in memory and reports incidents, Slack messages and silenced alerts next to what really happened.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Replay a time range of alert history through the topology under other rules, in memory:",
            "never touches production state and never calls Slack (unless --post-to names a review channel).",
            "Prints a summary; --report writes JSON.",
            "Times are ISO-8601 instants (2026-11-14T00:00:00Z) or an age such as 7d, 36h, 90m (that long ago).",
        })
final class ReplayCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    LauncherOptions options = new LauncherOptions();

    @Option(names = "--from", paramLabel = "TIME", required = true, description = "Start of the range (inclusive).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "End of the range (exclusive; default: now).")
    String to;

    @Option(names = "--rules", paramLabel = "FILE", description = "Rules to try (default: the configured ones).")
    Path rules;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the full report as JSON.")
    Path report;

    @Option(
            names = "--speed",
            paramLabel = "max|FACTOR",
            defaultValue = "max",
            description = "As fast as possible (max, the default) or scaled real time (60: an hour per minute).")
    String speed;

    @Option(
            names = "--run-on",
            paramLabel = "DURATION",
            defaultValue = "30m",
            description = "Let time run on after the last record so waits and escalations play out (default 30m).")
    String runOn;

    @Option(
            names = "--post-to",
            paramLabel = "CHANNEL",
            description = {
                "Really post the replayed incidents, all into this one Slack channel, for review (#name, name or id;",
                "Slack as the sink's: slack: section, SLACK_BOT_TOKEN, SLACK_API_URL). Messages are marked as a replay,",
                "ids become replay-<run>-<id> so their buttons act on nothing; incident channels are not created.",
            })
    String postTo;

    @Override
    public Integer call() throws Exception {
        String reviewChannel = postTo == null ? null : ReplayRewrite.reviewChannel(postTo);
        SlackSinkConfig slack =
                postTo == null ? null : ReplayReview.slackConfig(options.section("slack"), options.environment());
        ProcessorConfig config = options.clusterConfig();
        RuleBook book = rules != null
                ? RuleBook.of(RulesFile.load(rules), config.rules().defaultChannel())
                : config.rules().load();
        Instant now = Instant.now();
        Replay.Options replay = new Replay.Options(
                time(from, now, "--from"),
                to == null ? now : time(to, now, "--to"),
                book,
                speedFactor(),
                Json.parseDuration(runOn));
        Map<String, Object> client = config.kafka().clientProperties();
        Replay.Outcome outcome;
        ReplayPoster.Summary posted = null;
        try (ReplayPoster poster = reviewChannel == null ? null : startPoster(slack, reviewChannel, replay)) {
            outcome = Replay.run(config, client, replay, System.err, poster == null ? null : poster::submit);
            if (poster != null) {
                if (poster.backlog() > 0) {
                    System.err.printf(
                            "Posting the last %,d replayed Slack command(s) to %s...%n",
                            poster.backlog(), reviewChannel);
                }
                posted = poster.finish();
            }
        }
        print(spec.commandLine().getOut(), outcome);
        if (posted != null) {
            ReplayReview.summaryLines(posted).forEach(spec.commandLine().getOut()::println);
            spec.commandLine().getOut().flush();
        }
        if (report != null) {
            ObjectNode json = Json.mapper().createObjectNode();
            json.put("from", replay.from().toString()).put("to", replay.to().toString());
            json.put("records", outcome.records()).put("recordsPerSecond", Math.round(outcome.rate()));
            json.set("replayed", outcome.replayed().toJson(10));
            json.set("actual", outcome.actual().toJson(10));
            json.set("changes", ReplayReport.compare(outcome.replayed(), outcome.actual()));
            if (posted != null) {
                json.set("posting", ReplayReview.toJson(posted));
            }
            Files.writeString(
                    report, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        }
        return 0;
    }

    private ReplayPoster startPoster(SlackSinkConfig slack, String channel, Replay.Options replay) {
        String run = ReplayRewrite.newRun();
        String label = ReplayReview.label(replay.from(), replay.to(), rules);
        return ReplayPoster.start(slack, new ReplayPoster.Settings(channel, run, label, null));
    }

    private static void print(PrintWriter out, Replay.Outcome outcome) {
        out.printf(
                "Replayed %,d records in %.1f s (%,.0f records/s)%n%n",
                outcome.records(), outcome.elapsed().toMillis() / 1000.0, outcome.rate());
        out.println("With these rules:");
        outcome.replayed().summaryLines().forEach(line -> out.println("  " + line));
        out.println("What really happened:");
        outcome.actual().summaryLines().forEach(line -> out.println("  " + line));
        out.println("Changes (replayed minus actual):");
        out.println("  " + ReplayReport.compare(outcome.replayed(), outcome.actual()));
        out.flush();
    }

    private double speedFactor() {
        if (speed.equalsIgnoreCase("max")) {
            return 0;
        }
        try {
            return Double.parseDouble(speed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--speed takes 'max' or a factor such as 60, not '" + speed + "'", e);
        }
    }

    /** An ISO-8601 instant, or an age ("7d") meaning that long before now. */
    static Instant time(String text, Instant now, String option) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                Duration age = Json.parseDuration(text);
                return now.minus(age);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        option + " takes an ISO-8601 instant (2026-11-14T00:00:00Z) or an "
                                + "age such as 7d or 36h, not '" + text + "'",
                        e);
            }
        }
    }
}
