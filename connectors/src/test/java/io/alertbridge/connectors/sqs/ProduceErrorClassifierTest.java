package io.alertbridge.connectors.sqs;

import io.alertbridge.connectors.sqs.ProduceErrorClassifier.Outcome;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ProduceErrorClassifierTest {

    private final ProduceErrorClassifier classifier = new ProduceErrorClassifier();

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new RecordTooLargeException("over max.message.bytes"), Outcome.POISON),
                Arguments.of(new RecordBatchTooLargeException("batch"), Outcome.POISON),
                Arguments.of(new InvalidRecordException("rejected"), Outcome.POISON),
                Arguments.of(new InvalidTimestampException("out of range"), Outcome.POISON),
                Arguments.of(new SerializationException("cannot write"), Outcome.POISON),
                Arguments.of(new KafkaException("wrapped", new RecordTooLargeException("x")), Outcome.POISON),
                Arguments.of(new TimeoutException("delivery.timeout.ms expired"), Outcome.REDELIVER),
                Arguments.of(new NetworkException("disconnected"), Outcome.REDELIVER),
                Arguments.of(new NotLeaderOrFollowerException("moved"), Outcome.REDELIVER),
                Arguments.of(new NotEnoughReplicasException("isr"), Outcome.REDELIVER),
                Arguments.of(new CorruptRecordException("crc"), Outcome.REDELIVER),
                Arguments.of(new OutOfOrderSequenceException("seq"), Outcome.REDELIVER),
                Arguments.of(new UnknownTopicOrPartitionException("no topic"), Outcome.REDELIVER),
                Arguments.of(new TopicAuthorizationException("denied"), Outcome.REDELIVER),
                Arguments.of(new AuthenticationException("sasl"), Outcome.REDELIVER),
                Arguments.of(new KafkaException("Producer is closed forcefully."), Outcome.REDELIVER),
                Arguments.of(new InterruptException("interrupted"), Outcome.REDELIVER),
                Arguments.of(new IllegalStateException("closed"), Outcome.REDELIVER));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void shouldDeadLetterOnlyWhatTheRecordItselfCaused(Exception failure, Outcome expected) {
        assertThat(classifier.classify(failure)).isEqualTo(expected);
    }
}
