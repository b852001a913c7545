package io.alertbridge.connectors.graphs;

import io.alertbridge.connectors.graphs.FetchResult.Outcome;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkServiceException;

import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.Set;

/**
 * Classifies what a {@code GetMetricData} call threw into a {@link Outcome}: access denied (the role lacks
 * {@code cloudwatch:GetMetricData}, or the credentials are not valid), throttled, timed out, or failed otherwise.
 * Pure and thread-safe.
 */
final class FetchErrors {

    private static final Set<String> ACCESS_DENIED = Set.of(
            "accessdenied",
            "accessdeniedexception",
            "unauthorizedoperation",
            "unrecognizedclientexception",
            "invalidclienttokenid",
            "expiredtoken",
            "expiredtokenexception",
            "signaturedoesnotmatch");

    private static final Set<String> THROTTLED = Set.of(
            "throttling",
            "throttlingexception",
            "requestlimitexceeded",
            "toomanyrequestsexception",
            "limitexceededexception");

    private FetchErrors() {}

    static Outcome classify(Throwable error) {
        if (error instanceof SdkServiceException service) {
            return service(service);
        }
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (isTimeout(t)) {
                return Outcome.TIMEOUT;
            }
        }
        return Outcome.FAILED;
    }

    private static Outcome service(SdkServiceException service) {
        String code = service instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                ? String.valueOf(aws.awsErrorDetails().errorCode()).toLowerCase(Locale.ROOT)
                : "";
        if (ACCESS_DENIED.contains(code) || service.statusCode() == 403) {
            return Outcome.ACCESS_DENIED;
        }
        if (THROTTLED.contains(code) || service.isThrottlingException() || service.statusCode() == 429) {
            return Outcome.THROTTLED;
        }
        return Outcome.FAILED;
    }

    private static boolean isTimeout(Throwable t) {
        return t instanceof ApiCallTimeoutException
                || t instanceof ApiCallAttemptTimeoutException
                || t instanceof SocketTimeoutException
                || t instanceof HttpTimeoutException
                || t.getClass().getSimpleName().contains("Timeout");
    }
}
