package io.alertbridge.connectors.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.util.Locale;
import java.util.Set;

/**
 * One plain sentence for a failed AWS call, for people in Slack: AWS not configured (no region, no credentials),
 * access denied, throttling, a timeout, an unreachable endpoint, or any other answer by its error code. Pure;
 * the sentence never quotes AWS's message text (it may hold ARNs with account ids, or a principal's name), only the
 * error code and HTTP status.
 */
public final class AwsTrouble {

    private static final Set<String> DENIED = Set.of(
            "AccessDenied",
            "AccessDeniedException",
            "UnauthorizedOperation",
            "UnrecognizedClientException",
            "InvalidClientTokenId",
            "ExpiredToken",
            "ExpiredTokenException",
            "SignatureDoesNotMatch",
            "AuthorizationError");
    private static final Set<String> THROTTLED =
            Set.of("Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException");

    private AwsTrouble() {}

    /**
     * What went wrong, as one sentence without a final full stop.
     *
     * @param failure what the SDK threw (a wrapped one is unwrapped)
     * @param service the service asked, for the sentence ({@code CloudWatch})
     */
    public static String sentence(Throwable failure, String service) {
        Throwable e = unwrap(failure);
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return service + " did not answer in time";
        }
        if (e instanceof AwsServiceException aws) {
            return answered(aws, service);
        }
        if (e instanceof SdkClientException) {
            return client(e, service);
        }
        return service + " could not be asked (" + e.getClass().getSimpleName() + ")";
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable e = failure;
        while (e.getCause() != null
                && e != e.getCause()
                && !(e instanceof AwsServiceException)
                && !(e instanceof SdkClientException)) {
            e = e.getCause();
        }
        return e;
    }

    private static String answered(AwsServiceException aws, String service) {
        String code =
                aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
        if ((code != null && THROTTLED.contains(code)) || aws.isThrottlingException()) {
            return service + " is throttling requests (" + (code == null ? "HTTP " + aws.statusCode() : code)
                    + "); try again in a minute";
        }
        if ((code != null && DENIED.contains(code)) || aws.statusCode() == 403) {
            return "AWS refused the request to " + service + " (" + (code == null ? "HTTP 403" : code)
                    + "): the credentials here lack the permission";
        }
        return service + " answered " + (code == null ? "an error" : code) + " (HTTP " + aws.statusCode() + ")";
    }

    private static String client(Throwable e, String service) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("region")) {
            return "AWS is not configured here: no region (set AWS_REGION or aws.region)";
        }
        if (message.contains("credentials")) {
            return "AWS is not configured here: no credentials found by the AWS SDK's default chain";
        }
        if (message.contains("timed out") || message.contains("timeout")) {
            return service + " did not answer in time";
        }
        return service + " could not be reached (" + e.getClass().getSimpleName() + ")";
    }
}
