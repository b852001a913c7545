package io.alertbridge.launcher.cli;

import io.alertbridge.processor.admin.RulesTopic;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.replay.RulePreview;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.processor.rules.RulesFile;
import io.alertbridge.schemas.model.HeartbeatRule;
import io.alertbridge.schemas.model.InhibitRule;
import io.alertbridge.schemas.model.ReportRule;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.model.SilenceRule;
import io.alertbridge.schemas.model.ThresholdRule;
import io.alertbridge.schemas.serde.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code alertbridge rules apply | list | delete}: manage the rules the running processor follows. */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = {
            "Manage routing, silence and anomaly-threshold rules on the compacted rules topic.",
            "The running processor applies changes to the next alerts, without a restart.",
        },
        subcommands = {RulesCommand.Apply.class, RulesCommand.ListRules.class, RulesCommand.Delete.class})
final class RulesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static RulesTopic rulesTopic(LauncherOptions options) {
        ProcessorConfig config = options.clusterConfig();
        Map<String, Object> client = config.kafka().clientProperties();
        return new RulesTopic(client, config.topicCatalog().rules());
    }

    /** {@code rules apply FILE}. */
    @Command(
            name = "apply",
            mixinStandardHelpOptions = true,
            description = "Validate every rule of a YAML file, then write them all (none if one is invalid).")
    static final class Apply implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        LauncherOptions options = new LauncherOptions();

        @Parameters(paramLabel = "FILE", description = "YAML file with a top-level 'rules:' list.")
        Path file;

        @Option(names = "--dry-run", description = "Only validate.")
        boolean dryRun;

        @Option(
                names = "--preview",
                paramLabel = "AGE",
                description = {
                    "Replay this much history (7d, 36h) under the rules in force and under them with FILE applied,",
                    "print the difference and apply nothing. Exit code: 0 no change, 3 the rules change something,",
                    "2 invalid rules.",
                })
        String preview;

        @Option(
                names = "--run-on",
                paramLabel = "DURATION",
                defaultValue = "30m",
                description = "With --preview: let time run on after the last record (default 30m).")
        String runOn;

        @Override
        public Integer call() throws Exception {
            if (preview != null) {
                return preview();
            }
            List<Rule> rules =
                    RulesFile.load(file, options.configuration().receivers().names());
            PrintWriter out = spec.commandLine().getOut();
            if (!dryRun) {
                rulesTopic(options).apply(rules);
            }
            out.printf("%s %d rule(s) from %s%n", dryRun ? "Validated" : "Applied", rules.size(), file);
            rules.forEach(rule -> out.println("  " + describe(rule)));
            return 0;
        }

        /** {@code --preview}: replays twice, prints the difference, publishes nothing. */
        private int preview() throws Exception {
            List<Rule> rules;
            try {
                rules = RulesFile.load(file, options.configuration().receivers().names());
            } catch (RulesFile.InvalidRulesException e) {
                spec.commandLine().getErr().println("alertbridge: " + e.getMessage());
                return PREVIEW_INVALID_RULES;
            }
            ProcessorConfig config = options.clusterConfig();
            RuleBook current = config.rules().load();
            for (Rule inForce : rulesTopic(options).current().values()) {
                current = current.with(inForce);
            }
            RuleBook proposed = current;
            for (Rule rule : rules) {
                proposed = proposed.with(rule);
            }
            Instant now = Instant.now();
            Instant from = ReplayCommand.time(preview, now, "--preview");
            RulePreview.Outcome outcome = RulePreview.run(
                    config,
                    config.kafka().clientProperties(),
                    from,
                    now,
                    current,
                    proposed,
                    Json.parseDuration(runOn),
                    System.err);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(
                    "Preview of %d rule(s) from %s over %s .. %s (%,d records, replayed twice in %.1f s); nothing"
                            + " applied.%n",
                    rules.size(),
                    file,
                    from,
                    now,
                    outcome.records(),
                    outcome.elapsed().toMillis() / 1000.0);
            out.println("Under the rules in force:");
            outcome.current().summaryLines().forEach(line -> out.println("  " + line));
            out.println("With " + file + " applied:");
            outcome.proposed().summaryLines().forEach(line -> out.println("  " + line));
            out.println("Difference:");
            outcome.diff().lines(10).forEach(line -> out.println("  " + line));
            out.flush();
            return outcome.diff().changed() ? PREVIEW_CHANGED : 0;
        }
    }

    /** {@code rules apply --preview}: the rules would change what happened over the range. */
    static final int PREVIEW_CHANGED = 3;

    /** {@code rules apply --preview}: the file holds an invalid rule (nothing was replayed). */
    static final int PREVIEW_INVALID_RULES = 2;

    /** {@code rules list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the rules in force.")
    static final class ListRules implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        LauncherOptions options = new LauncherOptions();

        @Override
        public Integer call() {
            Map<String, Rule> rules = rulesTopic(options).current();
            PrintWriter out = spec.commandLine().getOut();
            if (rules.isEmpty()) {
                out.println("No rules on the rules topic (the configuration file's rules and defaults apply).");
            }
            rules.values().forEach(rule -> out.println(describe(rule)));
            return 0;
        }
    }

    /** {@code rules delete ID}. */
    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a rule by id.")
    static final class Delete implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        LauncherOptions options = new LauncherOptions();

        @Parameters(paramLabel = "ID", description = "The rule's id.")
        String id;

        @Override
        public Integer call() throws Exception {
            RulesTopic topic = rulesTopic(options);
            if (!topic.current().containsKey(id)) {
                spec.commandLine().getErr().printf("alertbridge: no rule with id '%s'%n", id);
                return 1;
            }
            topic.delete(id);
            spec.commandLine().getOut().printf("Deleted rule %s%n", id);
            return 0;
        }
    }

    static String describe(Rule rule) {
        if (rule instanceof RouteRule route) {
            String extras = (route.links().isEmpty() ? "" : ", " + route.links().size() + " link button(s)")
                    + (route.hold() == null
                            ? ""
                            : ", hold " + route.hold().maxHold() + " when "
                                    + Math.round(route.hold().share() * 100)
                                    + "% of the last " + route.hold().lastFirings() + " firings cleared within "
                                    + route.hold().clearedWithin());
            return String.format(
                    "route     %-24s %s -> %s (group by %s%s)",
                    route.id(), route.matchers(), route.channel(), route.groupBy(), extras);
        }
        if (rule instanceof SilenceRule silence) {
            return String.format(
                    "silence   %-24s %s %s .. %s (%s)",
                    silence.id(), silence.matchers(), silence.startsAt(), silence.endsAt(), silence.reason());
        }
        if (rule instanceof HeartbeatRule heartbeat) {
            return String.format(
                    "heartbeat %-24s %s beat every %s, alerts after %s of silence",
                    heartbeat.id(), heartbeat.beat().json(), heartbeat.interval(), heartbeat.allowedSilence());
        }
        if (rule instanceof InhibitRule inhibit) {
            return String.format(
                    "inhibit   %-24s %s inhibits %s (equal %s)",
                    inhibit.id(), inhibit.sourceMatchers(), inhibit.targetMatchers(), inhibit.equal());
        }
        if (rule instanceof ReportRule report) {
            return String.format(
                    "report    %-24s every %s%s at %s %s -> %s%s",
                    report.id(),
                    report.every().json(),
                    report.weekday() == null ? "" : " on " + report.weekday(),
                    report.at(),
                    report.zone().getId(),
                    report.channel(),
                    report.filter() == null ? "" : " (" + report.filter() + ")");
        }
        ThresholdRule threshold = (ThresholdRule) rule;
        return String.format(
                "threshold %-24s %s fire >= %.2f (%d of %d), clear < %.2f (%d)",
                threshold.id(),
                threshold.matchers(),
                threshold.fireThreshold(),
                threshold.fireCount(),
                threshold.fireWindow(),
                threshold.clearThreshold(),
                threshold.clearCount());
    }
}
