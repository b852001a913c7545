package io.alertbridge.launcher.cli;

import io.alertbridge.connectors.aws.AwsClients;
import io.alertbridge.connectors.aws.AwsReader;
import io.alertbridge.connectors.aws.CheckFindings;
import io.alertbridge.connectors.aws.EventPreset;
import io.alertbridge.connectors.aws.ObservedState;
import io.alertbridge.connectors.aws.QueuePolicy;
import io.alertbridge.schemas.aws.Arn;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code aws check}: read everything back and name each broken link with its fix; exit 1 when one is broken. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Read the queue, its policy, its subscriptions, its rules and the account's alarms back, and name",
            "each broken link with its fix. Exit code 1 when something is broken."
        })
final class AwsCheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--queue", required = true, description = "The queue's name.")
    String queue;

    @Option(names = "--sns-topic", description = "A topic that must be connected (repeatable; optional).")
    List<String> topics = new ArrayList<>();

    @Option(names = "--events", description = "A preset that must be connected (repeatable; optional).")
    List<String> presets = new ArrayList<>();

    @Option(
            names = "--raw-delivery",
            defaultValue = "off",
            description = "The raw delivery the subscriptions must have, on or off (default off).")
    String rawDelivery;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Boolean raw = parseOnOff(rawDelivery);
        if (raw == null) {
            spec.commandLine().getErr().println("alertbridge: --raw-delivery is on or off, not " + rawDelivery);
            return 2;
        }
        for (String topic : topics) {
            Arn.Parsed parsed = Arn.parse(topic);
            if (!parsed.isArn() || !"sns".equals(parsed.arn().service())) {
                spec.commandLine()
                        .getErr()
                        .println("alertbridge: --sns-topic " + topic + " is not an SNS topic ARN"
                                + (parsed.isArn() ? "" : ": it " + parsed.reason()));
                return 2;
            }
        }
        try (AwsClients aws = AwsClients.fromDefaultChain()) {
            AwsReader reader = new AwsReader(aws);
            Optional<ObservedState.Queue> queueState = reader.queue(queue);
            String queueArn = queueState
                    .map(q -> q.attributes().get("QueueArn"))
                    .orElse("arn:aws:sqs:" + aws.region() + ":" + aws.account() + ":" + queue);
            Map<String, String> attributes =
                    queueState.map(ObservedState.Queue::attributes).orElse(Map.of());
            QueuePolicy.Admitted admitted = QueuePolicy.read(attributes.get("Policy"));

            Set<String> topicArns = new LinkedHashSet<>(topics);
            topicArns.addAll(admitted.topics());
            Set<String> ruleNames = new LinkedHashSet<>();
            for (String preset : presets) {
                ruleNames.add(queue + "-"
                        + EventPreset.byId(preset).map(EventPreset::id).orElse(preset));
            }
            admitted.rules()
                    .forEach(arn ->
                            Arn.parse(arn).toOptional().map(Arn::resourceName).ifPresent(ruleNames::add));
            if (queueState.isPresent()) {
                topicArns.addAll(reader.topicsSubscribing(queueArn));
                ruleNames.addAll(reader.rulesTargeting(queueArn));
            }
            Map<String, ObservedState.Topic> topicStates = new LinkedHashMap<>();
            topicArns.forEach(arn -> topicStates.put(arn, reader.topic(arn, queueArn)));
            Map<String, ObservedState.Rule> ruleStates = new LinkedHashMap<>();
            ruleNames.forEach(name -> ruleStates.put(name, reader.rule(name).orElse(null)));
            Optional<ObservedState.Queue> dlq = Optional.ofNullable(attributes.get("RedrivePolicy"))
                    .flatMap(AwsCheckCommand::dlqName)
                    .flatMap(reader::queue);

            ObservedState observed = new ObservedState(queueState, dlq, topicStates, ruleStates);
            List<CheckFindings.Alarm> alarms = List.of();
            String alarmsUnread = null;
            try {
                alarms = alarms(aws);
            } catch (SdkException e) {
                alarmsUnread = e.getMessage();
            }
            List<CheckFindings.Finding> findings =
                    CheckFindings.of(new CheckFindings.Input(queue, queueArn, observed, raw, alarms, alarmsUnread));
            for (CheckFindings.Finding finding : findings) {
                out.println(finding.severity().name().toLowerCase(java.util.Locale.ROOT) + ": " + finding.problem());
                if (!finding.fix().isEmpty()) {
                    out.println("  fix: " + finding.fix());
                }
            }
            long broken = findings.stream()
                    .filter(f -> f.severity() == CheckFindings.Severity.BROKEN)
                    .count();
            out.println(broken == 0 ? "All links hold." : broken + " broken link(s).");
            return broken == 0 ? 0 : 1;
        }
    }

    private static List<CheckFindings.Alarm> alarms(AwsClients aws) {
        List<CheckFindings.Alarm> alarms = new ArrayList<>();
        aws.cloudWatch()
                .describeAlarmsPaginator(b -> b.alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM))
                .forEach(page -> {
                    page.metricAlarms()
                            .forEach(a -> alarms.add(new CheckFindings.Alarm(
                                    a.alarmName(),
                                    !Boolean.FALSE.equals(a.actionsEnabled()),
                                    a.alarmActions(),
                                    a.okActions())));
                    page.compositeAlarms()
                            .forEach(a -> alarms.add(new CheckFindings.Alarm(
                                    a.alarmName(),
                                    !Boolean.FALSE.equals(a.actionsEnabled()),
                                    a.alarmActions(),
                                    a.okActions())));
                });
        return alarms;
    }

    private static Optional<String> dlqName(String redrivePolicy) {
        try {
            String arn = io.alertbridge.schemas.serde.Json.mapper()
                    .readTree(redrivePolicy)
                    .path("deadLetterTargetArn")
                    .asText();
            return Arn.parse(arn).toOptional().map(Arn::resourceName);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** {@code on} / {@code off} (also true/false, yes/no) as a boolean, or null. */
    static Boolean parseOnOff(String text) {
        return switch (text == null ? "" : text.toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true", "yes" -> Boolean.TRUE;
            case "off", "false", "no" -> Boolean.FALSE;
            default -> null;
        };
    }
}
