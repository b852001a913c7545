package io.alertbridge.launcher.cli;

import io.alertbridge.processor.admin.RulesTopic;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.rules.RulesFile;
import io.alertbridge.schemas.model.InhibitRule;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.model.SilenceRule;
import io.alertbridge.schemas.model.ThresholdRule;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
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

        @Override
        public Integer call() throws Exception {
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
    }

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
            return String.format(
                    "route     %-24s %s -> %s (group by %s)",
                    route.id(), route.matchers(), route.channel(), route.groupBy());
        }
        if (rule instanceof SilenceRule silence) {
            return String.format(
                    "silence   %-24s %s %s .. %s (%s)",
                    silence.id(), silence.matchers(), silence.startsAt(), silence.endsAt(), silence.reason());
        }
        if (rule instanceof InhibitRule inhibit) {
            return String.format(
                    "inhibit   %-24s %s inhibits %s (equal %s)",
                    inhibit.id(), inhibit.sourceMatchers(), inhibit.targetMatchers(), inhibit.equal());
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
