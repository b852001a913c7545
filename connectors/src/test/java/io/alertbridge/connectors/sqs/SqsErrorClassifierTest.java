package io.alertbridge.connectors.sqs;

import io.alertbridge.connectors.sqs.SqsErrorClassifier.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SqsErrorClassifierTest {

    private final SqsErrorClassifier classifier = new SqsErrorClassifier();

    /** Every SQS exception type of the SDK and what the bridge must do about it, written out independently. */
    private static final Map<String, Decision> EXPECTED_BY_TYPE = Map.ofEntries(
            Map.entry("RequestThrottledException", Decision.RETRY),
            Map.entry("KmsThrottledException", Decision.RETRY),
            Map.entry("OverLimitException", Decision.RETRY),
            Map.entry("QueueDoesNotExistException", Decision.GIVE_UP),
            Map.entry("QueueDeletedRecentlyException", Decision.GIVE_UP),
            Map.entry("QueueNameExistsException", Decision.GIVE_UP),
            Map.entry("ResourceNotFoundException", Decision.GIVE_UP),
            Map.entry("ReceiptHandleIsInvalidException", Decision.GIVE_UP),
            Map.entry("MessageNotInflightException", Decision.GIVE_UP),
            Map.entry("InvalidAddressException", Decision.GIVE_UP),
            Map.entry("InvalidSecurityException", Decision.GIVE_UP),
            Map.entry("InvalidAttributeNameException", Decision.GIVE_UP),
            Map.entry("InvalidAttributeValueException", Decision.GIVE_UP),
            Map.entry("InvalidMessageContentsException", Decision.GIVE_UP),
            Map.entry("InvalidIdFormatException", Decision.GIVE_UP),
            Map.entry("InvalidBatchEntryIdException", Decision.GIVE_UP),
            Map.entry("BatchEntryIdsNotDistinctException", Decision.GIVE_UP),
            Map.entry("BatchRequestTooLongException", Decision.GIVE_UP),
            Map.entry("EmptyBatchRequestException", Decision.GIVE_UP),
            Map.entry("TooManyEntriesInBatchRequestException", Decision.GIVE_UP),
            Map.entry("UnsupportedOperationException", Decision.GIVE_UP),
            Map.entry("PurgeQueueInProgressException", Decision.GIVE_UP),
            Map.entry("KmsAccessDeniedException", Decision.GIVE_UP),
            Map.entry("KmsDisabledException", Decision.GIVE_UP),
            Map.entry("KmsInvalidKeyUsageException", Decision.GIVE_UP),
            Map.entry("KmsInvalidStateException", Decision.GIVE_UP),
            Map.entry("KmsNotFoundException", Decision.GIVE_UP),
            Map.entry("KmsOptInRequiredException", Decision.GIVE_UP));

    @Test
    void shouldClassifyEverySqsExceptionTypeTheSdkDefines() throws Exception {
        Map<String, Class<?>> sdkTypes = sqsExceptionTypes();

        assertThat(new TreeSet<>(sdkTypes.keySet()))
                .as("a new SQS exception type in the SDK needs a decision in SqsErrorClassifier.BY_TYPE")
                .isEqualTo(new TreeSet<>(EXPECTED_BY_TYPE.keySet()));
        for (Map.Entry<String, Class<?>> type : sdkTypes.entrySet()) {
            AwsServiceException error = instance(type.getValue());
            assertThat(classifier.classify(error)).as(type.getKey()).isEqualTo(EXPECTED_BY_TYPE.get(type.getKey()));
            assertThat(SqsErrorClassifier.BY_TYPE).containsKey(error.getClass());
        }
    }

    static Stream<Arguments> untypedServiceErrors() {
        return Stream.of(
                Arguments.of(500, "InternalError", Decision.RETRY),
                Arguments.of(500, "InternalFailure", Decision.RETRY),
                Arguments.of(502, null, Decision.RETRY),
                Arguments.of(503, "ServiceUnavailable", Decision.RETRY),
                Arguments.of(504, null, Decision.RETRY),
                Arguments.of(429, null, Decision.RETRY),
                Arguments.of(400, "ThrottlingException", Decision.RETRY),
                Arguments.of(400, "RequestThrottled", Decision.RETRY),
                Arguments.of(400, "KMS.ThrottlingException", Decision.RETRY),
                Arguments.of(408, "RequestTimeout", Decision.RETRY),
                Arguments.of(403, "AccessDenied", Decision.GIVE_UP),
                Arguments.of(400, "AccessDeniedException", Decision.GIVE_UP),
                Arguments.of(403, "InvalidClientTokenId", Decision.GIVE_UP),
                Arguments.of(403, "SignatureDoesNotMatch", Decision.GIVE_UP),
                Arguments.of(400, "ExpiredToken", Decision.GIVE_UP),
                Arguments.of(400, "AWS.SimpleQueueService.NonExistentQueue", Decision.GIVE_UP),
                Arguments.of(400, "QueueDoesNotExist", Decision.GIVE_UP),
                Arguments.of(400, "ReceiptHandleIsInvalid", Decision.GIVE_UP),
                Arguments.of(400, "InvalidParameterValue", Decision.GIVE_UP),
                Arguments.of(400, "SomethingNew", Decision.GIVE_UP),
                Arguments.of(404, null, Decision.GIVE_UP));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("untypedServiceErrors")
    void shouldClassifyUntypedServiceErrorsByStatusAndCode(int status, String code, Decision expected) {
        AwsServiceException error = SqsException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
                .build();
        assertThat(classifier.classify(error)).isEqualTo(expected);
    }

    @Test
    void shouldRetryWhenSqsCannotBeReached() {
        assertThat(classifier.classify(SdkClientException.create("Unable to execute HTTP request: Connection refused")))
                .isEqualTo(Decision.RETRY);
        assertThat(classifier.classify(ApiCallTimeoutException.create(1000))).isEqualTo(Decision.RETRY);
    }

    @Test
    void shouldNotRetryWhenTheCallingThreadWasInterrupted() {
        assertThat(classifier.classify(AbortedException.create("interrupted"))).isEqualTo(Decision.GIVE_UP);
    }

    @Test
    void shouldNotRetryErrorsThatAreNotFromTheSdk() {
        assertThat(classifier.classify(new IllegalStateException("bug"))).isEqualTo(Decision.GIVE_UP);
    }

    @Test
    void shouldClassifyEveryKnownBatchEntryCode() {
        for (Map.Entry<String, Decision> code : SqsErrorClassifier.BY_CODE.entrySet()) {
            for (Boolean senderFault : new Boolean[] {true, false, null}) {
                assertThat(classifier.classify(entry(code.getKey(), senderFault)))
                        .as("%s (sender fault %s)", code.getKey(), senderFault)
                        .isEqualTo(code.getValue());
            }
        }
        assertThat(classifier.classify(entry("ReceiptHandleIsInvalid", true))).isEqualTo(Decision.GIVE_UP);
        assertThat(classifier.classify(entry("InternalError", false))).isEqualTo(Decision.RETRY);
    }

    @Test
    void shouldDecideUnknownBatchEntryCodesBySenderFault() {
        assertThat(classifier.classify(entry("NewCode", true))).isEqualTo(Decision.GIVE_UP);
        assertThat(classifier.classify(entry("NewCode", false))).isEqualTo(Decision.RETRY);
        assertThat(classifier.classify(entry("NewCode", null))).isEqualTo(Decision.RETRY);
        assertThat(classifier.classify(entry(null, null))).isEqualTo(Decision.RETRY);
    }

    private static BatchResultErrorEntry entry(String code, Boolean senderFault) {
        return BatchResultErrorEntry.builder()
                .id("0")
                .code(code)
                .senderFault(senderFault)
                .message("m")
                .build();
    }

    /** The concrete subclasses of SqsException in the SDK's jar, by simple name. */
    private static Map<String, Class<?>> sqsExceptionTypes() throws IOException, URISyntaxException {
        Path jar = Path.of(SqsException.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        String packagePath = SqsException.class.getPackageName().replace('.', '/') + "/";
        Map<String, Class<?>> types = new HashMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (!name.startsWith(packagePath) || !name.endsWith("Exception.class")) {
                    continue;
                }
                String className =
                        name.substring(0, name.length() - ".class".length()).replace('/', '.');
                try {
                    Class<?> type = Class.forName(className);
                    if (SqsException.class.isAssignableFrom(type) && type != SqsException.class) {
                        types.put(type.getSimpleName(), type);
                    }
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        assertThat(types).as("SQS exception types found in " + jar).isNotEmpty();
        return types;
    }

    private static AwsServiceException instance(Class<?> type) throws ReflectiveOperationException {
        // Call through the public Builder interface: the implementation classes are not accessible.
        Method builderMethod = type.getMethod("builder");
        Class<?> builderType = builderMethod.getReturnType();
        Object builder = builderMethod.invoke(null);
        builderType.getMethod("statusCode", int.class).invoke(builder, 400);
        return (AwsServiceException) builderType.getMethod("build").invoke(builder);
    }
}
