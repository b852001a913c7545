package io.alertbridge.connectors.aws;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies a {@link ConnectPlan}'s steps in order over the SDK clients, and stops at the first failure. Its result
 * names what was done, what failed and with what error, and what was not attempted, so nothing half-made goes
 * unreported (the caller prints it; this class logs only at DEBUG). Every step is safe to repeat: a later run reads again and plans only what is still missing.
 */
public final class ConnectExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectExecutor.class);

    private final AwsClients aws;

    /** An executor over {@code aws}. */
    public ConnectExecutor(AwsClients aws) {
        this.aws = aws;
    }

    /**
     * What an execution did.
     *
     * @param done the steps that succeeded, in order
     * @param failed the step that failed, or null
     * @param error the failure's message, or null
     * @param notAttempted the steps after the failure
     */
    public record Outcome(
            List<ConnectPlan.Step> done, ConnectPlan.Step failed, String error, List<ConnectPlan.Step> notAttempted) {

        /** True when every step succeeded. */
        public boolean succeeded() {
            return failed == null;
        }
    }

    /** Runs {@code plan}'s steps for {@code desired}. */
    public Outcome apply(DesiredState desired, ConnectPlan plan) {
        List<ConnectPlan.Step> done = new ArrayList<>();
        List<ConnectPlan.Step> steps = plan.steps();
        for (int i = 0; i < steps.size(); i++) {
            ConnectPlan.Step step = steps.get(i);
            try {
                run(desired, step);
                LOG.debug("aws connect: {}", step.describe());
                done.add(step);
            } catch (RuntimeException e) {
                // The caller reports the failure to the person; the stack trace is for ALERTBRIDGE_LOG_LEVEL=DEBUG.
                LOG.debug("aws connect: failed to {}", step.describe(), e);
                return new Outcome(done, step, e.getMessage(), steps.subList(i + 1, steps.size()));
            }
        }
        return new Outcome(done, null, null, List.of());
    }

    private void run(DesiredState desired, ConnectPlan.Step step) {
        switch (step.action()) {
            case CREATE_QUEUE ->
                aws.sqs().createQueue(b -> b.queueName(step.resource()).attributesWithStrings(step.values()));
            case SET_QUEUE_ATTRIBUTES -> {
                String url =
                        aws.sqs().getQueueUrl(b -> b.queueName(step.resource())).queueUrl();
                aws.sqs().setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(step.values()));
            }
            case SUBSCRIBE ->
                aws.sns().subscribe(b -> b.topicArn(step.resource())
                        .protocol("sqs")
                        .endpoint(desired.queueArn())
                        .attributes(step.values())
                        .returnSubscriptionArn(true));
            case SET_RAW_DELIVERY ->
                aws.sns().setSubscriptionAttributes(b -> b.subscriptionArn(step.subscriptionArn())
                        .attributeName("RawMessageDelivery")
                        .attributeValue(step.values().get("RawMessageDelivery")));
            case PUT_RULE ->
                aws.events().putRule(b -> b.name(step.resource())
                        .eventPattern(step.values().get("pattern"))
                        .state(RuleState.ENABLED)
                        .description("Alertbridge: routes these events to queue " + desired.queueName()));
            case PUT_TARGET -> {
                PutTargetsResponse response = aws.events().putTargets(b -> b.rule(step.resource())
                        .targets(Target.builder()
                                .id(DesiredState.TARGET_ID)
                                .arn(step.values().get("target"))
                                .build()));
                // PutTargets answers 200 even when it refused the target: the refusal is in the entries.
                if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                    throw new IllegalStateException("EventBridge refused the target: "
                            + response.failedEntries().get(0).errorMessage());
                }
            }
            default -> throw new IllegalStateException("no executor for " + step.action());
        }
    }
}
