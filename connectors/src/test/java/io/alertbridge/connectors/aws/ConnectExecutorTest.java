package io.alertbridge.connectors.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.CreateQueueResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;
import software.amazon.awssdk.services.sts.StsClient;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the executor reports when AWS refuses a step half-way: done, failed with the error, and not attempted. The
 * clients are stand-ins that record calls; the executor against a real AWS API is {@code AwsConnectIT}'s.
 */
class ConnectExecutorTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-2:123456789012:alarms";

    @Test
    void shouldStopAtTheFirstRefusalAndNameWhatWasDoneAndWhatWasNot() {
        DesiredState desired = DesiredState.of(
                        "eu-west-2", "123456789012", "alerts", List.of(TOPIC), List.of("health"), false)
                .state();
        ConnectPlan plan = ConnectPlan.of(
                desired,
                new ObservedState(
                        Optional.empty(),
                        Optional.empty(),
                        Map.of(TOPIC, new ObservedState.Topic(true, List.of())),
                        Map.of()));
        List<String> created = new ArrayList<>();
        SqsClient sqs = standIn(SqsClient.class, (method, arg) -> {
            CreateQueueRequest.Builder request = CreateQueueRequest.builder();
            @SuppressWarnings("unchecked")
            Consumer<CreateQueueRequest.Builder> consumer = (Consumer<CreateQueueRequest.Builder>) arg;
            consumer.accept(request);
            String name = request.build().queueName();
            if (name.equals("alerts")) {
                throw SqsException.builder()
                        .message("Access to the resource is denied")
                        .build();
            }
            created.add(name);
            return CreateQueueResponse.builder().queueUrl("url/" + name).build();
        });
        AwsClients aws = new AwsClients(
                "eu-west-2",
                sqs,
                standIn(SnsClient.class, null),
                standIn(EventBridgeClient.class, null),
                standIn(CloudWatchClient.class, null),
                standIn(StsClient.class, null));

        ConnectExecutor.Outcome outcome = new ConnectExecutor(aws).apply(desired, plan);

        assertThat(created).containsExactly("alerts-dlq");
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.done()).extracting(ConnectPlan.Step::resource).containsExactly("alerts-dlq");
        assertThat(outcome.failed().resource()).isEqualTo("alerts");
        assertThat(outcome.error()).contains("Access to the resource is denied");
        assertThat(outcome.notAttempted())
                .extracting(ConnectPlan.Step::action)
                .containsExactly(
                        ConnectPlan.Action.SUBSCRIBE, ConnectPlan.Action.PUT_RULE, ConnectPlan.Action.PUT_TARGET);
    }

    private interface Answer {
        Object answer(String method, Object arg);
    }

    private static <T> T standIn(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (answer == null || args == null || args.length != 1) {
                throw new AssertionError("unexpected call " + type.getSimpleName() + "." + method.getName());
            }
            return answer.answer(method.getName(), args[0]);
        }));
    }
}
