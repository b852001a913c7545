package io.alertbridge.connectors.sqs;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sqs.model.BatchRequestTooLongException;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sqs.model.InvalidAddressException;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeNameException;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeValueException;
import software.amazon.awssdk.services.sqs.model.InvalidBatchEntryIdException;
import software.amazon.awssdk.services.sqs.model.InvalidIdFormatException;
import software.amazon.awssdk.services.sqs.model.InvalidMessageContentsException;
import software.amazon.awssdk.services.sqs.model.InvalidSecurityException;
import software.amazon.awssdk.services.sqs.model.KmsAccessDeniedException;
import software.amazon.awssdk.services.sqs.model.KmsDisabledException;
import software.amazon.awssdk.services.sqs.model.KmsInvalidKeyUsageException;
import software.amazon.awssdk.services.sqs.model.KmsInvalidStateException;
import software.amazon.awssdk.services.sqs.model.KmsNotFoundException;
import software.amazon.awssdk.services.sqs.model.KmsOptInRequiredException;
import software.amazon.awssdk.services.sqs.model.KmsThrottledException;
import software.amazon.awssdk.services.sqs.model.MessageNotInflightException;
import software.amazon.awssdk.services.sqs.model.OverLimitException;
import software.amazon.awssdk.services.sqs.model.PurgeQueueInProgressException;
import software.amazon.awssdk.services.sqs.model.QueueDeletedRecentlyException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.RequestThrottledException;
import software.amazon.awssdk.services.sqs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.model.TooManyEntriesInBatchRequestException;
import software.amazon.awssdk.services.sqs.model.UnsupportedOperationException;

import java.util.Map;

/**
 * Decides whether a failed SQS call (or one entry of a batch call) is worth retrying: throttling, server errors
 * and network trouble are; errors that need an operator (access denied, missing queue, KMS key disabled) or that
 * no retry can fix (a stale receipt handle, a malformed request) are not.
 *
 * <p>The receivers keep polling after either kind (a queue may be created or a permission granted later), but back
 * off to the longest delay after a {@link Decision#GIVE_UP} and report the queue as not ready. Deletes and
 * visibility changes retry only {@link Decision#RETRY} entries; a given-up message simply becomes visible again and
 * is delivered once more, which at-least-once allows.
 *
 * <p>Every exception type of the SDK's SQS model is listed explicitly; the unit test fails when the SDK adds one this
 * table does not know. Stateless and thread-safe.
 */
final class SqsErrorClassifier {

    /** What to do about a failure. */
    enum Decision {
        /** Transient: try again after a backoff. */
        RETRY,
        /** Permanent for this request: do not retry it. */
        GIVE_UP
    }

    /** The SDK's typed SQS exceptions. Keep exhaustive: the unit test scans the SDK for new ones. */
    static final Map<Class<? extends AwsServiceException>, Decision> BY_TYPE = Map.ofEntries(
            Map.entry(RequestThrottledException.class, Decision.RETRY),
            Map.entry(KmsThrottledException.class, Decision.RETRY),
            // ReceiveMessage's answer when 120,000 (standard) or 20,000 (FIFO) messages are in flight: it passes.
            Map.entry(OverLimitException.class, Decision.RETRY),
            Map.entry(QueueDoesNotExistException.class, Decision.GIVE_UP),
            Map.entry(QueueDeletedRecentlyException.class, Decision.GIVE_UP),
            Map.entry(QueueNameExistsException.class, Decision.GIVE_UP),
            Map.entry(ResourceNotFoundException.class, Decision.GIVE_UP),
            Map.entry(ReceiptHandleIsInvalidException.class, Decision.GIVE_UP),
            Map.entry(MessageNotInflightException.class, Decision.GIVE_UP),
            Map.entry(InvalidAddressException.class, Decision.GIVE_UP),
            Map.entry(InvalidSecurityException.class, Decision.GIVE_UP),
            Map.entry(InvalidAttributeNameException.class, Decision.GIVE_UP),
            Map.entry(InvalidAttributeValueException.class, Decision.GIVE_UP),
            Map.entry(InvalidMessageContentsException.class, Decision.GIVE_UP),
            Map.entry(InvalidIdFormatException.class, Decision.GIVE_UP),
            Map.entry(InvalidBatchEntryIdException.class, Decision.GIVE_UP),
            Map.entry(BatchEntryIdsNotDistinctException.class, Decision.GIVE_UP),
            Map.entry(BatchRequestTooLongException.class, Decision.GIVE_UP),
            Map.entry(EmptyBatchRequestException.class, Decision.GIVE_UP),
            Map.entry(TooManyEntriesInBatchRequestException.class, Decision.GIVE_UP),
            Map.entry(UnsupportedOperationException.class, Decision.GIVE_UP),
            Map.entry(PurgeQueueInProgressException.class, Decision.GIVE_UP),
            Map.entry(KmsAccessDeniedException.class, Decision.GIVE_UP),
            Map.entry(KmsDisabledException.class, Decision.GIVE_UP),
            Map.entry(KmsInvalidKeyUsageException.class, Decision.GIVE_UP),
            Map.entry(KmsInvalidStateException.class, Decision.GIVE_UP),
            Map.entry(KmsNotFoundException.class, Decision.GIVE_UP),
            Map.entry(KmsOptInRequiredException.class, Decision.GIVE_UP));

    /**
     * Error codes as SQS writes them, in an untyped exception or in a batch result's error entry (the query protocol
     * names and the JSON protocol names both). Unknown codes fall back to the HTTP status or the sender-fault flag.
     */
    static final Map<String, Decision> BY_CODE = Map.ofEntries(
            Map.entry("InternalError", Decision.RETRY),
            Map.entry("InternalFailure", Decision.RETRY),
            Map.entry("ServiceUnavailable", Decision.RETRY),
            Map.entry("RequestTimeout", Decision.RETRY),
            Map.entry("Throttling", Decision.RETRY),
            Map.entry("ThrottlingException", Decision.RETRY),
            Map.entry("RequestThrottled", Decision.RETRY),
            Map.entry("KmsThrottled", Decision.RETRY),
            Map.entry("KMS.ThrottlingException", Decision.RETRY),
            Map.entry("OverLimit", Decision.RETRY),
            Map.entry("AccessDenied", Decision.GIVE_UP),
            Map.entry("AccessDeniedException", Decision.GIVE_UP),
            Map.entry("InvalidClientTokenId", Decision.GIVE_UP),
            Map.entry("IncompleteSignature", Decision.GIVE_UP),
            Map.entry("MissingAuthenticationToken", Decision.GIVE_UP),
            Map.entry("SignatureDoesNotMatch", Decision.GIVE_UP),
            Map.entry("ExpiredToken", Decision.GIVE_UP),
            Map.entry("InvalidParameterValue", Decision.GIVE_UP),
            Map.entry("MissingParameter", Decision.GIVE_UP),
            Map.entry("InvalidAction", Decision.GIVE_UP),
            Map.entry("QueueDoesNotExist", Decision.GIVE_UP),
            Map.entry("AWS.SimpleQueueService.NonExistentQueue", Decision.GIVE_UP),
            Map.entry("ReceiptHandleIsInvalid", Decision.GIVE_UP),
            Map.entry("InvalidReceiptHandle", Decision.GIVE_UP),
            Map.entry("MessageNotInflight", Decision.GIVE_UP),
            Map.entry("AWS.SimpleQueueService.MessageNotInflight", Decision.GIVE_UP),
            Map.entry("InvalidParameterCombination", Decision.GIVE_UP));

    /** The decision for an exception thrown by an SQS call. */
    Decision classify(Throwable error) {
        if (error instanceof AbortedException) {
            // The calling thread was interrupted: the bridge is stopping, not SQS failing.
            return Decision.GIVE_UP;
        }
        if (error instanceof SdkClientException) {
            // No answer from SQS: connection refused or reset, DNS, timeouts. The SDK already retried a few times.
            return Decision.RETRY;
        }
        if (error instanceof AwsServiceException service) {
            Decision typed = BY_TYPE.get(service.getClass());
            if (typed != null) {
                return typed;
            }
            if (service.isThrottlingException() || service.statusCode() >= 500) {
                return Decision.RETRY;
            }
            String code = service.awsErrorDetails() == null
                    ? null
                    : service.awsErrorDetails().errorCode();
            Decision byCode = code == null ? null : BY_CODE.get(code);
            return byCode != null ? byCode : Decision.GIVE_UP;
        }
        return Decision.GIVE_UP;
    }

    /** The decision for one failed entry of a batch call ({@code DeleteMessageBatch}, ...). */
    Decision classify(BatchResultErrorEntry entry) {
        Decision byCode = entry.code() == null ? null : BY_CODE.get(entry.code());
        if (byCode != null) {
            return byCode;
        }
        // SQS marks whether the caller caused it; a fault on SQS's side is worth another try.
        return Boolean.TRUE.equals(entry.senderFault()) ? Decision.GIVE_UP : Decision.RETRY;
    }
}
