package io.alertbridge.connectors.aws;

import io.alertbridge.schemas.serde.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QueuePolicyTest {

    private static final String QUEUE = "arn:aws:sqs:eu-west-2:123456789012:alerts";
    private static final String TOPIC_B = "arn:aws:sns:eu-west-2:123456789012:b-alarms";
    private static final String TOPIC_A = "arn:aws:sns:eu-west-2:123456789012:a-alarms";
    private static final String RULE = "arn:aws:events:eu-west-2:123456789012:rule/alerts-codebuild";

    @Test
    void shouldWriteOneStatementPerSourceWithItsServicePrincipalAndArnEquals() throws Exception {
        String policy = QueuePolicy.build(QUEUE, List.of(TOPIC_B, TOPIC_A), List.of(RULE));

        assertThat(Json.mapper().readTree(policy))
                .isEqualTo(
                        Json.mapper()
                                .readTree(
                                        """
                        {"Version":"2012-10-17","Id":"alertbridge:arn:aws:sqs:eu-west-2:123456789012:alerts",
                         "Statement":[
                          {"Sid":"AlertbridgeTopic0","Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},
                           "Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-2:123456789012:alerts",
                           "Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:eu-west-2:123456789012:a-alarms"}}},
                          {"Sid":"AlertbridgeTopic1","Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},
                           "Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-2:123456789012:alerts",
                           "Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:eu-west-2:123456789012:b-alarms"}}},
                          {"Sid":"AlertbridgeRule0","Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},
                           "Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-2:123456789012:alerts",
                           "Condition":{"ArnEquals":
                             {"aws:SourceArn":"arn:aws:events:eu-west-2:123456789012:rule/alerts-codebuild"}}}
                         ]}
                        """));
    }

    @Test
    void shouldWriteTheSameTextWhateverTheOrderOfTheSources() {
        assertThat(QueuePolicy.build(QUEUE, List.of(TOPIC_A, TOPIC_B), List.of()))
                .isEqualTo(QueuePolicy.build(QUEUE, List.of(TOPIC_B, TOPIC_A), List.of()));
    }

    @Test
    void shouldWriteNoStatementForNoSource() throws Exception {
        assertThat(Json.mapper()
                        .readTree(QueuePolicy.build(QUEUE, List.of(), List.of()))
                        .path("Statement"))
                .isEmpty();
    }

    @Test
    void shouldReadBackWhatItBuilt() {
        QueuePolicy.Admitted admitted = QueuePolicy.read(QueuePolicy.build(QUEUE, List.of(TOPIC_A), List.of(RULE)));

        assertThat(admitted.topics()).containsExactly(TOPIC_A);
        assertThat(admitted.rules()).containsExactly(RULE);
        assertThat(admitted.wider()).isEmpty();
    }

    @Test
    void shouldReadOneStatementWithAnArnEqualsList() {
        QueuePolicy.Admitted admitted = QueuePolicy.read(
                """
                {"Statement":{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},
                  "Action":"sqs:SendMessage","Condition":{"ArnEquals":{"aws:SourceArn":["%s","%s"]}}}}
                """
                        .formatted(TOPIC_A, TOPIC_B));

        assertThat(admitted.topics()).containsExactlyInAnyOrder(TOPIC_A, TOPIC_B);
    }

    @Test
    void shouldNameStatementsThatAdmitAnyoneWithoutASourceCondition() {
        QueuePolicy.Admitted admitted = QueuePolicy.read(
                """
                {"Statement":[{"Sid":"Open","Effect":"Allow","Principal":"*","Action":"sqs:*"},
                  {"Sid":"AnyTopic","Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},
                   "Action":"sqs:SendMessage","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*"}}},
                  {"Sid":"Deny","Effect":"Deny","Principal":"*","Action":"sqs:*"}]}
                """);

        assertThat(admitted.wider()).containsExactly("Open", "AnyTopic");
        assertThat(admitted.topics()).isEmpty();
    }

    @Test
    void shouldAdmitNothingForAnAbsentOrUnreadablePolicy() {
        assertThat(QueuePolicy.read(null).topics()).isEmpty();
        assertThat(QueuePolicy.read("not json").rules()).isEmpty();
    }

    @Test
    void shouldCompareAsJsonNotAsText() {
        assertThat(QueuePolicy.sameJson("{\"a\": [1, 2]}", "{\"a\":[1,2]}")).isTrue();
        assertThat(QueuePolicy.sameJson("{\"a\":[1,2]}", "{\"a\":[2,1]}")).isFalse();
        assertThat(QueuePolicy.sameJson(null, "")).isTrue();
    }
}
