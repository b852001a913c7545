package io.alertbridge.schemas;

import io.alertbridge.schemas.model.DeadLetter;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelBehaviourTest {

    @Test
    void shouldParseAndApplyEveryMatcherOperator() {
        Map<String, String> labels = Map.of("service", "payments", "env", "prod");

        assertThat(Matcher.parse("service=payments").matches(labels)).isTrue();
        assertThat(Matcher.parse("env!=prod").matches(labels)).isFalse();
        assertThat(Matcher.parse("service=~pay.*").matches(labels)).isTrue();
        assertThat(Matcher.parse("service!~pay.*").matches(labels)).isFalse();
        assertThat(Matcher.parse("missing=").matches(labels))
                .as("absent label is empty")
                .isTrue();
        assertThat(Matcher.parse("service=~pay").matches(labels))
                .as("regex is anchored")
                .isFalse();
    }

    @Test
    void shouldRejectTextThatIsNotAMatcher() {
        assertThatThrownBy(() -> Matcher.parse("service")).hasMessageContaining("'service'");
        assertThatThrownBy(() -> Matcher.parse("service=~(")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void shouldOrderSeveritiesWorstFirst() {
        assertThat(Severity.worst(Severity.WARNING, Severity.CRITICAL)).isEqualTo(Severity.CRITICAL);
        assertThat(Severity.worst(null, Severity.INFO)).isEqualTo(Severity.INFO);
        assertThat(Severity.ERROR.isWorseThan(Severity.WARNING)).isTrue();
    }

    @Test
    void shouldParseShortAndIsoDurations() {
        assertThat(Json.parseDuration("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Json.parseDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Json.parseDuration("PT45S")).isEqualTo(Duration.ofSeconds(45));
        assertThatThrownBy(() -> Json.parseDuration("soon")).hasMessageContaining("'soon'");
        assertThatThrownBy(() -> Json.parseDuration("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRoundTripDeadLetterHeadersAndCutHugeMessages() {
        DeadLetter letter =
                new DeadLetter("alertbridge.aws.raw", "normalize", "com.x.ParseError", "x".repeat(10_000), 3, 42L);
        RecordHeaders headers = new RecordHeaders();

        DeadLetter back = DeadLetter.readFrom(letter.writeTo(headers));

        assertThat(back.source()).isEqualTo("alertbridge.aws.raw");
        assertThat(back.partition()).isEqualTo(3);
        assertThat(back.offset()).isEqualTo(42L);
        assertThat(back.errorMessage()).hasSizeLessThan(4_100);
    }

    @Test
    void shouldPrefixEveryTopicName() {
        Topics topics = Topics.withPrefix("staging.ab.");

        assertThat(topics.all()).extracting(TopicSpec::name).allMatch(name -> name.startsWith("staging.ab."));
        assertThat(Topics.defaults().awsRaw().name()).isEqualTo("alertbridge.aws.raw");
        assertThat(Topics.defaults().rules().cleanup()).isEqualTo(TopicSpec.Cleanup.COMPACT);
        assertThat(Topics.defaults().all()).hasSize(10);
    }
}
