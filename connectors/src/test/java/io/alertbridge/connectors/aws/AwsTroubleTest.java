package io.alertbridge.connectors.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class AwsTroubleTest {

    private static AwsServiceException service(String code, int status, String message) {
        return AwsServiceException.builder()
                .statusCode(status)
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .build())
                .build();
    }

    @Test
    void shouldSayAccessDeniedWithoutQuotingAwsMessage() {
        String sentence = AwsTrouble.sentence(
                service("AccessDenied", 403, "User: arn:aws:iam::123456789012:user/bob is not authorized"),
                "CloudWatch");

        assertThat(sentence)
                .isEqualTo("AWS refused the request to CloudWatch (AccessDenied): the credentials here lack the"
                        + " permission")
                .doesNotContain("123456789012");
    }

    @Test
    void shouldSayThrottling() {
        assertThat(AwsTrouble.sentence(service("Throttling", 400, "Rate exceeded"), "CloudWatch"))
                .isEqualTo("CloudWatch is throttling requests (Throttling); try again in a minute");
    }

    @Test
    void shouldSayATimeout() {
        assertThat(AwsTrouble.sentence(ApiCallTimeoutException.create(8000), "CloudWatch"))
                .isEqualTo("CloudWatch did not answer in time");
        assertThat(AwsTrouble.sentence(new CompletionException(ApiCallTimeoutException.create(8000)), "SNS"))
                .isEqualTo("SNS did not answer in time");
    }

    @Test
    void shouldSayThatAwsIsNotConfigured() {
        assertThat(AwsTrouble.sentence(
                        SdkClientException.create("Unable to load region from any of the providers in the chain"),
                        "CloudWatch"))
                .isEqualTo("AWS is not configured here: no region (set AWS_REGION or aws.region)");
        assertThat(AwsTrouble.sentence(
                        SdkClientException.create("Unable to load credentials from any of the providers"),
                        "CloudWatch"))
                .isEqualTo("AWS is not configured here: no credentials found by the AWS SDK's default chain");
    }

    @Test
    void shouldNameAnyOtherErrorByItsCode() {
        assertThat(AwsTrouble.sentence(service("InternalFailure", 500, "boom"), "CloudWatch"))
                .isEqualTo("CloudWatch answered InternalFailure (HTTP 500)");
        assertThat(AwsTrouble.sentence(
                        SdkClientException.create("Unable to execute HTTP request: Connection refused"), "CloudWatch"))
                .isEqualTo("CloudWatch could not be reached (SdkClientException)");
    }
}
