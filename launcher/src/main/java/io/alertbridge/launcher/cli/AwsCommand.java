package io.alertbridge.launcher.cli;

import io.alertbridge.connectors.aws.AwsClients;
import io.alertbridge.connectors.aws.AwsConnect;
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
                AwsConnect.Report report =
                        AwsConnect.run(aws, new AwsConnect.Request(queue, topics, presets, raw, dryRun));
                report.out().forEach(out::println);
                report.err().forEach(err::println);
                return report.succeeded() ? 0 : 1;
            }
        }
    }
}
