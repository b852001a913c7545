package io.alertbridge.connectors.sqs;

import io.alertbridge.schemas.topics.Topics;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqsBridgeConfigTest {

    private static final String QUEUE = "https://sqs.eu-west-1.amazonaws.com/111122223333/alarms";
    private static final SqsBridgeConfig DEFAULTS = SqsBridgeConfig.of(List.of(QUEUE));

    @Test
    void shouldDefaultToLongPollingTwoReceiversTenPerReceive() {
        assertThat(DEFAULTS.receiversPerQueue()).isEqualTo(2);
        assertThat(DEFAULTS.waitTime()).isEqualTo(Duration.ofSeconds(20));
        assertThat(DEFAULTS.maxMessagesPerReceive()).isEqualTo(10);
        assertThat(DEFAULTS.maxInFlight()).isEqualTo(500);
        assertThat(DEFAULTS.visibilityTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(DEFAULTS.extensionMargin()).isEqualTo(Duration.ofSeconds(10));
        assertThat(DEFAULTS.topics().awsRaw().name()).isEqualTo("alertbridge.aws.raw");
        assertThat(DEFAULTS.topics().deadLetters().name()).isEqualTo("alertbridge.dlq");
    }

    @Test
    void shouldReadQueueUrlsAndTopicPrefixFromTheEnvironmentContract() {
        SqsBridgeConfig config = SqsBridgeConfig.fromEnvironment(Map.of(
                "ALERTBRIDGE_SQS_QUEUE_URLS",
                " " + QUEUE + " ,, http://localhost:9324/000000000000/dev ,",
                "ALERTBRIDGE_TOPIC_PREFIX",
                "staging.alertbridge."));

        assertThat(config.queueUrls()).containsExactly(QUEUE, "http://localhost:9324/000000000000/dev");
        assertThat(config.topics().awsRaw().name()).isEqualTo("staging.alertbridge.aws.raw");
    }

    @Test
    void shouldBeIdleWithTheDefaultPrefixWhenTheEnvironmentSaysNothing() {
        SqsBridgeConfig config = SqsBridgeConfig.fromEnvironment(Map.of("ALERTBRIDGE_SQS_QUEUE_URLS", " "));

        assertThat(config.queueUrls()).isEmpty();
        assertThat(config.topics().prefix()).isEqualTo(Topics.DEFAULT_PREFIX);
    }

    @Test
    void shouldBindTheSqsSectionWithTheEnvironmentOverridingIt() {
        Map<String, Object> section = new HashMap<>();
        section.put("queueUrls", List.of(QUEUE));
        section.put("endpoint", "http://localhost:9324");
        section.put("region", "eu-west-1");
        section.put("receiversPerQueue", 4);
        section.put("waitTime", "5s");
        section.put("maxMessagesPerReceive", 5);
        section.put("maxInFlight", 50);
        section.put("visibilityTimeout", "2m");
        section.put("extensionMargin", "20s");
        section.put("closeTimeout", "10s");

        SqsBridgeConfig fromFile = SqsBridgeConfig.from(section, Map.of());
        SqsBridgeConfig overridden = SqsBridgeConfig.from(
                section,
                Map.of(
                        "ALERTBRIDGE_SQS_QUEUE_URLS", "http://sqs.local:9324/000000000000/a,http://sqs.local:9324/0/b",
                        "AWS_ENDPOINT_URL_SQS", "http://sqs.local:9324",
                        "AWS_ENDPOINT_URL", "http://everything.local:4566",
                        "AWS_REGION", "us-east-2",
                        "ALERTBRIDGE_TOPIC_PREFIX", "staging."));

        assertThat(fromFile)
                .usingRecursiveComparison()
                .isEqualTo(DEFAULTS.withEndpoint(URI.create("http://localhost:9324"), "eu-west-1")
                        .withReceiversPerQueue(4)
                        .withWaitTime(Duration.ofSeconds(5))
                        .withMaxMessagesPerReceive(5)
                        .withMaxInFlight(50)
                        .withVisibility(Duration.ofMinutes(2), Duration.ofSeconds(20))
                        .withCloseTimeout(Duration.ofSeconds(10)));
        assertThat(overridden.queueUrls())
                .containsExactly("http://sqs.local:9324/000000000000/a", "http://sqs.local:9324/0/b");
        assertThat(overridden.endpoint()).isEqualTo(URI.create("http://sqs.local:9324"));
        assertThat(overridden.region()).isEqualTo("us-east-2");
        assertThat(overridden.topics().prefix()).isEqualTo("staging.");
        assertThat(overridden.waitTime())
                .as("what the environment does not say stays")
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(SqsBridgeConfig.from(Map.of(), Map.of("AWS_ENDPOINT_URL", "http://everything.local:4566"))
                        .endpoint())
                .as("the SDK's general endpoint variable, when the SQS one is not set")
                .isEqualTo(URI.create("http://everything.local:4566"));
    }

    @Test
    void shouldKeepTheDefaultsForWhatTheSectionLeavesOut() {
        assertThat(SqsBridgeConfig.from(Map.of("queueUrls", List.of(QUEUE)), Map.of()))
                .usingRecursiveComparison()
                .isEqualTo(DEFAULTS);
        assertThat(SqsBridgeConfig.from(null, Map.of()))
                .usingRecursiveComparison()
                .isEqualTo(SqsBridgeConfig.of(List.of()));
        assertThat(DEFAULTS.endpoint()).isNull();
        assertThat(DEFAULTS.region()).isNull();
    }

    @Test
    void shouldNameTheBadKeyOfTheSection() {
        assertThatThrownBy(() -> SqsBridgeConfig.from(Map.of("waitTimeout", "5s"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("sqs.waitTimeout: unknown key")
                .hasMessageContaining("visibilityTimeout");
        assertThatThrownBy(() -> SqsBridgeConfig.from(Map.of("waitTime", "soon"), Map.of()))
                .hasMessageStartingWith("sqs")
                .hasMessageContaining("waitTime");
        assertThatThrownBy(() -> SqsBridgeConfig.from(Map.of("receiversPerQueue", 0), Map.of()))
                .hasMessageContaining("receiversPerQueue");
        assertThatThrownBy(() -> SqsBridgeConfig.from(Map.of("endpoint", "localhost:9324"), Map.of()))
                .hasMessageContaining("endpoint");
        assertThatThrownBy(() -> SqsBridgeConfig.from(Map.of(), Map.of("AWS_REGION", "EU West")))
                .hasMessageContaining("region");
    }

    @Test
    void shouldNameTheBadFieldWhenInvalid() {
        assertInvalid(c -> c.withReceiversPerQueue(0), "receiversPerQueue");
        assertInvalid(c -> c.withWaitTime(Duration.ofSeconds(21)), "waitTime");
        assertInvalid(c -> c.withWaitTime(Duration.ofMillis(1500)), "waitTime");
        assertInvalid(c -> c.withMaxMessagesPerReceive(11), "maxMessagesPerReceive");
        assertInvalid(c -> c.withMaxMessagesPerReceive(0), "maxMessagesPerReceive");
        assertInvalid(c -> c.withMaxInFlight(9), "maxInFlight");
        assertInvalid(c -> c.withVisibility(Duration.ofSeconds(1), Duration.ofMillis(500)), "visibilityTimeout");
        assertInvalid(c -> c.withVisibility(Duration.ofHours(13), Duration.ofSeconds(10)), "visibilityTimeout");
        assertInvalid(c -> c.withVisibility(Duration.ofSeconds(30), Duration.ofSeconds(30)), "extensionMargin");
        assertInvalid(c -> c.withVisibility(Duration.ofSeconds(30), Duration.ofMillis(100)), "extensionMargin");
        assertInvalid(c -> c.withCloseTimeout(Duration.ofSeconds(-1)), "closeTimeout");
        assertInvalid(c -> c.withTopics(null), "topics");
    }

    @Test
    void shouldNameTheBadQueueUrlByItsPosition() {
        assertThatThrownBy(() -> SqsBridgeConfig.of(List.of(QUEUE, "alarms")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queueUrls[1]")
                .hasMessageContaining("'alarms'");
        assertThatThrownBy(() -> SqsBridgeConfig.of(List.of(QUEUE, QUEUE)))
                .hasMessageContaining("queueUrls[1]")
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> SqsBridgeConfig.of(List.of("ftp://host/1/q"))).hasMessageContaining("queueUrls[0]");
        assertThatThrownBy(() -> SqsBridgeConfig.of(List.of("https://sqs.eu-west-1.amazonaws.com/")))
                .hasMessageContaining("queueUrls[0]");
        assertThatThrownBy(() -> SqsBridgeConfig.of(Arrays.asList(QUEUE, null))).hasMessageContaining("queueUrls");
        assertThatThrownBy(() -> SqsBridgeConfig.of(null)).hasMessageContaining("queueUrls");
    }

    private static void assertInvalid(UnaryOperator<SqsBridgeConfig> change, String field) {
        assertThatThrownBy(() -> change.apply(DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("sqs." + field + ": ");
    }
}
