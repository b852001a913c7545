package io.alertbridge.launcher.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.assembly.SlackSinkAssembler;
import io.alertbridge.connectors.slack.replay.ReplayPoster;
import io.alertbridge.connectors.slack.replay.ReplayRewrite;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.replay.Rebuild;
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
            "",
            "--rebuild reprocesses the history (from --from, else the beginning) with Kafka Streams under a new",
            "application id and its own output topics, to rebuild the incident state under new rules. The running",
            "processor is never touched; the switch to the rebuilt state is yours (the steps are printed).",
        })
final class ReplayCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    LauncherOptions options = new LauncherOptions();

    @Option(
            names = "--from",
            paramLabel = "TIME",
            description = "Start of the range (inclusive); required, except with --rebuild (default: the beginning).")
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
            names = "--rebuild",
            description = "Rebuild the incident state under --rules into a new application id (see above).")
    boolean rebuild;

    @Option(
            names = "--application-id",
            paramLabel = "ID",
            description = "With --rebuild: the rebuild's application id (default: <processor id>-rebuild-<UTC time>).")
    String applicationId;

    @Option(
            names = "--resume",
            description = "With --rebuild: continue the rebuild --application-id from where it stopped.")
    boolean resume;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "6h",
            description = "With --rebuild: give up (it can be resumed) after this long (default 6h).")
    String timeout;

    @Option(
            names = "--order-window",
            paramLabel = "DURATION",
            defaultValue = "5m",
            description = {
                "With --rebuild: history is fed in windows of this much record time, each drained before the next,",
                "so records can meet out of order only within one window (default 5m; smaller is slower).",
            })
    String orderWindow;

    @Option(
            names = "--post-to",
            paramLabel = "CHANNEL",
            description = {
                "Really post the replayed incidents, all into this one Slack channel, for review (#name, name or id;",
                "Slack as the sink's: slack: section, SLACK_BOT_TOKEN, SLACK_API_URL). Messages are marked as a replay,",
                "ids become replay-<run>-<id> so their buttons act on nothing; incident channels are not created.",
            })
    String postTo;

    /** The sink's Slack settings with a referenced token read once: a replay is short, so no re-read. */
    private SlackSinkConfig reviewSlack() {
        ReplayReview.slackConfig(options.configuration().sink());
        try (SlackSecrets secrets = SlackSecrets.of(options.configuration())) {
            return secrets.sink(options.configuration().sink()).config();
        }
    }

    @Override
    public Integer call() throws Exception {
        validate();
        String reviewChannel = postTo == null ? null : ReplayRewrite.reviewChannel(postTo);
        SlackSinkConfig slack = postTo == null ? null : reviewSlack();
        ProcessorConfig config = options.clusterConfig();
        RuleBook book = rules != null
                ? RuleBook.of(RulesFile.load(rules), config.rules().defaultChannel())
                : config.rules().load();
        Instant now = Instant.now();
        if (rebuild) {
            return rebuild(config, book, now);
        }
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

    /** Options that do not fit together fail before anything connects to the cluster. */
    private void validate() {
        if (!rebuild) {
            if (from == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--from=TIME'");
            }
            if (applicationId != null || resume) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--application-id and --resume belong to --rebuild");
            }
            return;
        }
        if (to != null || !speed.equalsIgnoreCase("max")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--rebuild reads the history to its end as fast as it can: no --to, no --speed");
        }
        if (postTo != null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--rebuild posts nothing to Slack: replay without --rebuild to --post-to");
        }
        if (resume && applicationId == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--resume needs the --application-id of the rebuild to continue");
        }
    }

    private int rebuild(ProcessorConfig config, RuleBook book, Instant now) throws Exception {
        if (rules == null) {
            String configured = config.rules().file() == null
                    ? "the built-in default route"
                    : config.rules().file();
            spec.commandLine()
                    .getErr()
                    .println("No --rules given: rebuilding under the configured rules (" + configured + ").");
        }
        String id = applicationId != null ? applicationId : Rebuild.defaultApplicationId(config, now);
        Rebuild.Options options = new Rebuild.Options(
                id,
                from == null ? null : time(from, now, "--from"),
                book,
                resume,
                Json.parseDuration(timeout),
                Json.parseDuration(orderWindow));
        Rebuild.Outcome outcome = Rebuild.run(config, options, System.err);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "Rebuilt %s: %,d records in %.1f s (%,.0f records/s); its output topics: %s*%n%n",
                outcome.applicationId(),
                outcome.records(),
                outcome.elapsed().toMillis() / 1000.0,
                outcome.rate(),
                outcome.outputs().prefix());
        out.println("The rebuilt state:");
        outcome.report().summaryLines().forEach(line -> out.println("  " + line));
        out.println("Nothing has switched. To run the processor on the rebuilt state:");
        String rulesFile = rules != null
                ? rules.toString()
                : config.rules().file() != null ? config.rules().file() : "<rules file>";
        Rebuild.switchSteps(config, outcome.applicationId(), rulesFile).forEach(line -> out.println("  " + line));
        out.flush();
        if (report != null) {
            ObjectNode json = Json.mapper().createObjectNode();
            json.put("applicationId", outcome.applicationId())
                    .put("outputPrefix", outcome.outputs().prefix());
            json.put("records", outcome.records()).put("recordsPerSecond", Math.round(outcome.rate()));
            json.set("rebuilt", outcome.report().toJson(10));
            Files.writeString(
                    report, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        }
        return 0;
    }

    private ReplayPoster startPoster(SlackSinkConfig slack, String channel, Replay.Options replay) {
        String run = ReplayRewrite.newRun();
        String label = ReplayReview.label(replay.from(), replay.to(), rules);
        return SlackSinkAssembler.of(slack).startReplay(new ReplayPoster.Settings(channel, run, label, null));
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
