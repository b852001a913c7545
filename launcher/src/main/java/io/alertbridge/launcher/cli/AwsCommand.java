package io.alertbridge.launcher.cli;

import io.alertbridge.connectors.aws.AwsClients;
import io.alertbridge.connectors.aws.AwsReader;
import io.alertbridge.connectors.aws.ConnectExecutor;
import io.alertbridge.connectors.aws.ConnectPlan;
import io.alertbridge.connectors.aws.DesiredState;
import io.alertbridge.connectors.aws.ObservedState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code alertbridge aws connect} and {@code alertbridge aws check}: connect an AWS account's alarms and events to
 * the queue the bridge drains, and check that every link still holds. Credentials, region and endpoints come from
 * the AWS SDK's default chains ({@code AWS_REGION}, {@code AWS_PROFILE}, {@code AWS_ENDPOINT_URL}, ...).
 */
@Command(
        name = "aws",
        mixinStandardHelpOptions = true,
        description = "Connect an AWS account to Alertbridge's queue, and check the connection.",
        subcommands = {AwsCommand.Connect.class, AwsCheckCommand.class})
final class AwsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code aws connect}. */
    @Command(
            name = "connect",
            mixinStandardHelpOptions = true,
            description = {
                "Create or repair the queue (with its dead-letter queue, SSE, 14 days retention), its policy, the",
                "SNS subscriptions and the EventBridge rules, and report line by line. Safe to run again: a second",
                "run changes nothing and says so."
            })
    static final class Connect implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--queue", required = true, description = "The queue's name (created if absent).")
        String queue;

        @Option(names = "--sns-topic", description = "ARN of a topic your CloudWatch alarms notify (repeatable).")
        List<String> topics = new ArrayList<>();

        @Option(
                names = "--events",
                description = "EventBridge preset routed to the queue (repeatable): cloudwatch-alarms, codepipeline,"
                        + " codebuild, health, cloudtrail-s3.")
        List<String> presets = new ArrayList<>();

        @Option(
                names = "--raw-delivery",
                defaultValue = "off",
                description = "SNS raw message delivery, on or off (default off: the bridge keys by the envelope's"
                        + " MessageId).")
        String rawDelivery;

        @Option(names = "--dry-run", description = "Print the plan; change nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Boolean raw = AwsCheckCommand.parseOnOff(rawDelivery);
            if (raw == null) {
                err.println("alertbridge: --raw-delivery is on or off, not " + rawDelivery);
                return 2;
            }
            try (AwsClients aws = AwsClients.fromDefaultChain()) {
                DesiredState.Result result = DesiredState.of(aws.region(), aws.account(), queue, topics, presets, raw);
                if (!result.errors().isEmpty()) {
                    result.errors().forEach(e -> err.println("error: " + e));
                    err.println("Nothing was changed.");
                    return 1;
                }
                DesiredState desired = result.state();
                AwsReader reader = new AwsReader(aws);
                ObservedState observed = reader.observe(
                        desired.queueName(),
                        desired.dlqName(),
                        desired.queueArn(),
                        desired.topicArns(),
                        desired.presets().stream().map(desired::ruleName).toList());
                ConnectPlan plan = ConnectPlan.of(desired, observed);
                if (!plan.errors().isEmpty()) {
                    plan.errors().forEach(e -> err.println("error: " + e));
                    printWhatExists(err, desired, observed);
                    err.println("Nothing was changed.");
                    return 1;
                }
                plan.inPlace().forEach(line -> out.println("ok: " + line));
                plan.notes().forEach(line -> out.println("note: " + line));
                if (plan.isNoChange()) {
                    out.println("No change: everything was already in place.");
                    return 0;
                }
                if (dryRun) {
                    plan.steps().forEach(step -> out.println("would " + step.describe()));
                    out.printf(
                            "Dry run: %d change(s) planned, nothing changed.%n",
                            plan.steps().size());
                    return 0;
                }
                ConnectExecutor.Outcome outcome = new ConnectExecutor(aws).apply(desired, plan);
                outcome.done().forEach(step -> out.println("done: " + step.describe()));
                if (!outcome.succeeded()) {
                    err.println("failed: " + outcome.failed().describe() + " -- " + outcome.error());
                    outcome.notAttempted().forEach(step -> err.println("not done: " + step.describe()));
                    err.println("Fix the cause and run the same command again: it does only what is missing.");
                    return 1;
                }
                out.printf("Connected: %d change(s) made.%n", outcome.done().size());
                return 0;
            }
        }

        private static void printWhatExists(PrintWriter err, DesiredState desired, ObservedState observed) {
            err.println(
                    (observed.queue().isPresent() ? "exists: queue " : "does not exist: queue ") + desired.queueName());
            err.println((observed.dlq().isPresent() ? "exists: queue " : "does not exist: queue ") + desired.dlqName());
            observed.topics()
                    .forEach((arn, topic) ->
                            err.println((topic.exists() ? "exists: topic " : "does not exist: topic ") + arn));
            desired.presets()
                    .forEach(preset -> err.println((observed.rules().containsKey(desired.ruleName(preset))
                                    ? "exists: rule "
                                    : "does not exist: rule ")
                            + desired.ruleName(preset)));
        }
    }
}
