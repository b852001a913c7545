package io.alertbridge.processor.errors;

import io.alertbridge.processor.fixtures.Driver;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterProcessingHandlerTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldSendTheSourceBytesOfARecordAProcessorFailedOnToTheDeadLetterTopicAndGoOn() {
        String dlq = Topics.defaults().deadLetters().name();
        try (Driver driver = Driver.build(Driver.config(stateDir), builder -> builder.stream(
                        "in", Consumed.with(Serdes.String(), Serdes.String()).withName("in"))
                .mapValues(
                        value -> {
                            if (value.contains("poison")) {
                                throw new IllegalArgumentException("cannot digest " + value);
                            }
                            return value.toUpperCase(java.util.Locale.ROOT);
                        },
                        Named.as("digest"))
                .to("out", Produced.with(Serdes.String(), Serdes.String()).withName("out")))) {
            var input = driver.driver()
                    .createInputTopic(
                            "in", Serdes.String().serializer(), Serdes.String().serializer());
            var output = driver.driver()
                    .createOutputTopic(
                            "out",
                            Serdes.String().deserializer(),
                            Serdes.String().deserializer());

            input.pipeInput("k1", "poison pill");
            input.pipeInput("k2", "fine");

            List<Driver.Letter> letters = driver.deadLetters(dlq);
            assertThat(letters).hasSize(1);
            assertThat(new String(letters.get(0).record().value(), StandardCharsets.UTF_8))
                    .isEqualTo("poison pill");
            assertThat(new String(letters.get(0).record().key(), StandardCharsets.UTF_8))
                    .isEqualTo("k1");
            assertThat(letters.get(0).reason().stage()).isEqualTo("digest");
            assertThat(letters.get(0).reason().source()).isEqualTo("in");
            assertThat(letters.get(0).reason().errorClass()).isEqualTo(IllegalArgumentException.class.getName());
            assertThat(letters.get(0).reason().errorMessage()).isEqualTo("cannot digest poison pill");
            assertThat(output.readValuesToList()).containsExactly("FINE");
        }
    }
}
