package io.alertbridge.connectors.aws;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole of {@code aws connect} over a set of clients: validate the input ({@link DesiredState}), read what exists
 * ({@link AwsReader}), plan ({@link ConnectPlan}) and apply ({@link ConnectExecutor}), and report line by line. The
 * command line prints the report against AWS; {@code alertbridge dev} runs the very same sequence against the AWS
 * stand-in, so the dev queue is connected exactly as a real one would be.
 *
 * <p>Stateless; thread-safe as far as the clients are.
 */
public final class AwsConnect {

    private AwsConnect() {}

    /**
     * What {@code connect} asks for.
     *
     * @param queue the queue's name (created if absent)
     * @param topics ARNs of topics that alarms notify
     * @param presets EventBridge preset ids ({@link EventPreset#id()})
     * @param rawDelivery SNS raw message delivery on the subscriptions
     * @param dryRun plan only, change nothing
     */
    public record Request(
            String queue, List<String> topics, List<String> presets, boolean rawDelivery, boolean dryRun) {

        public Request {
            topics = List.copyOf(topics);
            presets = List.copyOf(presets);
        }
    }

    /**
     * What a run did, as the person reads it.
     *
     * @param out progress lines ({@code ok:}, {@code note:}, {@code done:}, {@code would ...}, the summary)
     * @param err error lines ({@code error:}, {@code exists:}, {@code failed:}, {@code not done:}, what to do next)
     * @param succeeded true when everything asked for is in place (or, on a dry run, was planned)
     */
    public record Report(List<String> out, List<String> err, boolean succeeded) {

        public Report {
            out = List.copyOf(out);
            err = List.copyOf(err);
        }
    }

    /** Connects {@code request.queue()} in the clients' account and region; never throws for AWS's refusals. */
    public static Report run(AwsClients aws, Request request) {
        List<String> out = new ArrayList<>();
        List<String> err = new ArrayList<>();
        DesiredState.Result result = DesiredState.of(
                aws.region(),
                aws.account(),
                request.queue(),
                request.topics(),
                request.presets(),
                request.rawDelivery());
        if (!result.errors().isEmpty()) {
            result.errors().forEach(e -> err.add("error: " + e));
            err.add("Nothing was changed.");
            return new Report(out, err, false);
        }
        DesiredState desired = result.state();
        ObservedState observed = new AwsReader(aws)
                .observe(
                        desired.queueName(),
                        desired.dlqName(),
                        desired.queueArn(),
                        desired.topicArns(),
                        desired.presets().stream().map(desired::ruleName).toList());
        ConnectPlan plan = ConnectPlan.of(desired, observed);
        if (!plan.errors().isEmpty()) {
            plan.errors().forEach(e -> err.add("error: " + e));
            whatExists(err, desired, observed);
            err.add("Nothing was changed.");
            return new Report(out, err, false);
        }
        plan.inPlace().forEach(line -> out.add("ok: " + line));
        plan.notes().forEach(line -> out.add("note: " + line));
        if (plan.isNoChange()) {
            out.add("No change: everything was already in place.");
            return new Report(out, err, true);
        }
        if (request.dryRun()) {
            plan.steps().forEach(step -> out.add("would " + step.describe()));
            out.add("Dry run: %d change(s) planned, nothing changed."
                    .formatted(plan.steps().size()));
            return new Report(out, err, true);
        }
        ConnectExecutor.Outcome outcome = new ConnectExecutor(aws).apply(desired, plan);
        outcome.done().forEach(step -> out.add("done: " + step.describe()));
        if (!outcome.succeeded()) {
            err.add("failed: " + outcome.failed().describe() + " -- " + outcome.error());
            outcome.notAttempted().forEach(step -> err.add("not done: " + step.describe()));
            err.add("Fix the cause and run the same command again: it does only what is missing.");
            return new Report(out, err, false);
        }
        out.add("Connected: %d change(s) made.".formatted(outcome.done().size()));
        return new Report(out, err, true);
    }

    private static void whatExists(List<String> err, DesiredState desired, ObservedState observed) {
        err.add((observed.queue().isPresent() ? "exists: queue " : "does not exist: queue ") + desired.queueName());
        err.add((observed.dlq().isPresent() ? "exists: queue " : "does not exist: queue ") + desired.dlqName());
        observed.topics()
                .forEach((arn, topic) -> err.add((topic.exists() ? "exists: topic " : "does not exist: topic ") + arn));
        desired.presets()
                .forEach(preset -> err.add((observed.rules().containsKey(desired.ruleName(preset))
                                ? "exists: rule "
                                : "does not exist: rule ")
                        + desired.ruleName(preset)));
    }
}
