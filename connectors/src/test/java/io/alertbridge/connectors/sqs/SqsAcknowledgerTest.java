package io.alertbridge.connectors.sqs;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SqsAcknowledgerTest {

    private final SqsErrorClassifier classifier = new SqsErrorClassifier();
    private final List<InFlightMessage> batch =
            IntStream.range(0, 4).mapToObj(SqsAcknowledgerTest::message).toList();

    @Test
    void shouldNumberBatchEntriesSoThatARepeatedMessageStaysDistinct() {
        InFlightMessage once = message(7);
        List<String> ids = SqsAcknowledger.entries(List.of(once, once, message(8)), (id, m) -> id);

        assertThat(ids).containsExactly("0", "1", "2");
    }

    @Test
    void shouldCountOnlyListedSuccessesAsDeleted() {
        DeleteMessageBatchResponse response = DeleteMessageBatchResponse.builder()
                .successful(ok("0"), ok("1"), ok("2"), ok("3"))
                .build();

        SqsAcknowledger.Sorted sorted = SqsAcknowledger.sort(batch, response, classifier);

        assertThat(sorted.deleted()).containsExactlyElementsOf(batch);
        assertThat(sorted.retry()).isEmpty();
        assertThat(sorted.givenUp()).isEmpty();
    }

    @Test
    void shouldRetryTransientFailuresAndGiveUpOnPermanentOnes() {
        DeleteMessageBatchResponse response = DeleteMessageBatchResponse.builder()
                .successful(ok("0"))
                .failed(failed("1", "InternalError", false), failed("2", "ReceiptHandleIsInvalid", true))
                .build();

        SqsAcknowledger.Sorted sorted = SqsAcknowledger.sort(batch, response, classifier);

        assertThat(sorted.deleted()).containsExactly(batch.get(0));
        assertThat(sorted.retry()).containsExactly(batch.get(1), batch.get(3));
        assertThat(sorted.givenUp())
                .extracting(SqsAcknowledger.Failure::message)
                .containsExactly(batch.get(2));
        assertThat(sorted.givenUp())
                .extracting(SqsAcknowledger.Failure::code)
                .containsExactly("ReceiptHandleIsInvalid");
    }

    @Test
    void shouldRetryEntriesTheAnswerDoesNotMention() {
        DeleteMessageBatchResponse response =
                DeleteMessageBatchResponse.builder().successful(ok("2")).build();

        SqsAcknowledger.Sorted sorted = SqsAcknowledger.sort(batch, response, classifier);

        assertThat(sorted.deleted()).containsExactly(batch.get(2));
        assertThat(sorted.retry()).containsExactlyInAnyOrder(batch.get(0), batch.get(1), batch.get(3));
    }

    @Test
    void shouldIgnoreIdsThatAreNotInTheBatchAndCountEachEntryOnce() {
        DeleteMessageBatchResponse response = DeleteMessageBatchResponse.builder()
                .successful(ok("0"), ok("0"), ok("9"), ok("x"))
                .failed(failed("0", "InternalError", false), failed("-1", "InternalError", false))
                .build();

        SqsAcknowledger.Sorted sorted = SqsAcknowledger.sort(batch, response, classifier);

        assertThat(sorted.deleted()).containsExactly(batch.get(0));
        assertThat(sorted.retry()).containsExactlyInAnyOrder(batch.get(1), batch.get(2), batch.get(3));
        assertThat(sorted.givenUp()).isEmpty();
    }

    private static InFlightMessage message(int i) {
        return new InFlightMessage(
                "https://sqs.eu-west-1.amazonaws.com/1/q",
                Message.builder()
                        .messageId("m" + i)
                        .receiptHandle("rh" + i)
                        .body("b")
                        .build(),
                0);
    }

    private static DeleteMessageBatchResultEntry ok(String id) {
        return DeleteMessageBatchResultEntry.builder().id(id).build();
    }

    private static BatchResultErrorEntry failed(String id, String code, boolean senderFault) {
        return BatchResultErrorEntry.builder()
                .id(id)
                .code(code)
                .senderFault(senderFault)
                .message("m")
                .build();
    }
}
