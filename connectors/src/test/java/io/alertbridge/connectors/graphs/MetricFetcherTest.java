package io.alertbridge.connectors.graphs;

import io.alertbridge.connectors.graphs.FetchResult.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class MetricFetcherTest {

    private static final Instant CHANGED = Instant.parse("2019-10-02T17:04:40Z");

    /** A CloudWatch stand-in answering GetMetricData from a function; records the requests. */
    static final class FakeCloudWatch implements CloudWatchClient {
        final List<GetMetricDataRequest> requests = new ArrayList<>();
        final Function<GetMetricDataRequest, GetMetricDataResponse> answer;

        FakeCloudWatch(Function<GetMetricDataRequest, GetMetricDataResponse> answer) {
            this.answer = answer;
        }

        @Override
        public GetMetricDataResponse getMetricData(GetMetricDataRequest request) {
            requests.add(request);
            return answer.apply(request);
        }

        @Override
        public String serviceName() {
            return "monitoring";
        }

        @Override
        public void close() {}
    }

    private final CallBudgetTest.MutableClock clock = new CallBudgetTest.MutableClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private MetricFetcher fetcher(FakeCloudWatch cloudWatch, int perMinute) {
        return new MetricFetcher(
                region -> cloudWatch,
                new MetricFetcher.Settings(perMinute, 16, Duration.ofMinutes(5), Duration.ofSeconds(5), 5),
                clock,
                registry);
    }

    private static MetricQueryPlan.Plan plan(String sample) {
        return MetricQueryPlan.plan(
                Fixtures.metric(sample), CHANGED, CHANGED.plusSeconds(60), MetricQueryPlan.Window.defaults());
    }

    private static MetricDataResult result(String id, Instant t0, double... values) {
        List<Instant> times = new ArrayList<>();
        List<Double> list = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            times.add(t0.plusSeconds(300L * i));
            list.add(values[i]);
        }
        return MetricDataResult.builder().id(id).timestamps(times).values(list).build();
    }

    @Test
    void shouldFollowPagesAndReturnTheSeriesInTimeOrder() {
        Instant t0 = Instant.parse("2019-10-02T16:00:00Z");
        FakeCloudWatch cloudWatch = new FakeCloudWatch(request -> request.nextToken() == null
                ? GetMetricDataResponse.builder()
                        .metricDataResults(result("m1", t0.plusSeconds(600), 30, 40))
                        .nextToken("page-2")
                        .build()
                : GetMetricDataResponse.builder()
                        .metricDataResults(result("m1", t0, 10, 20))
                        .build());

        FetchResult result =
                fetcher(cloudWatch, 10).fetch(plan("eventbridge_cloudwatch_alarm_state_change_single_metric"));

        assertThat(result.outcome()).isEqualTo(Outcome.FETCHED);
        assertThat(result.calls()).isEqualTo(2);
        assertThat(result.series()).extracting(TimePoint::value).containsExactly(10.0, 20.0, 30.0, 40.0);
        assertThat(cloudWatch.requests.get(1).nextToken()).isEqualTo("page-2");
        assertThat(cloudWatch.requests.get(0).startTime()).isEqualTo("2019-10-02T14:00:00Z");
        assertThat(cloudWatch
                        .requests
                        .get(0)
                        .overrideConfiguration()
                        .orElseThrow()
                        .apiCallTimeout())
                .contains(Duration.ofSeconds(5));
    }

    @Test
    void shouldFoldTheBandsTwoSeriesIntoLowerAndUpper() {
        Instant t0 = Instant.parse("2019-10-03T15:55:00Z");
        FakeCloudWatch cloudWatch = new FakeCloudWatch(request -> GetMetricDataResponse.builder()
                .metricDataResults(
                        result("m1", t0, 0.1, 0.0), result("ad1", t0, 0.30, 0.31), result("ad1", t0, 0.02, 0.03))
                .build());

        FetchResult result =
                fetcher(cloudWatch, 10).fetch(plan("eventbridge_cloudwatch_alarm_state_change_anomaly_detection"));

        assertThat(result.series()).extracting(TimePoint::value).containsExactly(0.1, 0.0);
        assertThat(result.bandLower()).extracting(TimePoint::value).containsExactly(0.02, 0.03);
        assertThat(result.bandUpper()).extracting(TimePoint::value).containsExactly(0.30, 0.31);
    }

    @Test
    void shouldServeTheSameAlarmAndWindowFromTheCacheUntilItExpires() {
        FakeCloudWatch cloudWatch = new FakeCloudWatch(request -> GetMetricDataResponse.builder()
                .metricDataResults(result("m1", CHANGED, 60))
                .build());
        MetricFetcher fetcher = fetcher(cloudWatch, 10);
        MetricQueryPlan.Plan plan = plan("eventbridge_cloudwatch_alarm_state_change_single_metric");

        FetchResult first = fetcher.fetch(plan);
        FetchResult second = fetcher.fetch(plan);
        clock.advance(Duration.ofMinutes(6));
        FetchResult third = fetcher.fetch(plan);

        assertThat(first.calls()).isEqualTo(1);
        assertThat(second.calls()).isZero();
        assertThat(second.series()).isEqualTo(first.series());
        assertThat(second.reason()).endsWith("(cached)");
        assertThat(third.calls()).isEqualTo(1);
        assertThat(cloudWatch.requests).hasSize(2);
    }

    @Test
    void shouldSkipNotQueueWhenTheBudgetIsSpent() {
        FakeCloudWatch cloudWatch =
                new FakeCloudWatch(request -> GetMetricDataResponse.builder().build());
        MetricFetcher fetcher = fetcher(cloudWatch, 1);

        FetchResult first = fetcher.fetch(plan("eventbridge_cloudwatch_alarm_state_change_single_metric"));
        FetchResult second = fetcher.fetch(plan("eventbridge_cloudwatch_alarm_state_change_metric_math"));

        assertThat(first.outcome()).isEqualTo(Outcome.NO_DATA);
        assertThat(first.reason()).startsWith("no datapoints between 2019-10-02T14:00:00Z and");
        assertThat(second.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(second.reason()).isEqualTo("GetMetricData budget of 1 calls/min spent");
        assertThat(cloudWatch.requests).hasSize(1);
        assertThat(registry.get("alertbridge.graphs.fetches")
                        .tag("outcome", "skipped")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldClassifyFaultsIntoTheResultNeverThrowAndNotCacheThem() {
        List<RuntimeException> errors = new ArrayList<>(List.of(
                cloudWatchError("AccessDenied", 403),
                cloudWatchError("Throttling", 400),
                ApiCallTimeoutException.create(5_000)));
        FakeCloudWatch cloudWatch = new FakeCloudWatch(request -> {
            if (!errors.isEmpty()) {
                throw errors.remove(0);
            }
            return GetMetricDataResponse.builder()
                    .metricDataResults(result("m1", CHANGED, 1))
                    .build();
        });
        MetricFetcher fetcher = fetcher(cloudWatch, 10);
        MetricQueryPlan.Plan plan = plan("eventbridge_cloudwatch_alarm_state_change_single_metric");

        assertThat(fetcher.fetch(plan).outcome()).isEqualTo(Outcome.ACCESS_DENIED);
        assertThat(fetcher.fetch(plan).outcome()).isEqualTo(Outcome.THROTTLED);
        assertThat(fetcher.fetch(plan).outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(fetcher.fetch(plan).outcome())
                .as("a later try goes to CloudWatch again")
                .isEqualTo(Outcome.FETCHED);
        assertThat(registry.get("alertbridge.graphs.fetches")
                        .tag("outcome", "access_denied")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldFetchNothingForACompositePlan() {
        FakeCloudWatch cloudWatch =
                new FakeCloudWatch(request -> GetMetricDataResponse.builder().build());

        FetchResult result = fetcher(cloudWatch, 10).fetch(plan("cloudwatch_alarm_sns_composite"));

        assertThat(result.outcome()).isEqualTo(Outcome.NOTHING_TO_FETCH);
        assertThat(cloudWatch.requests).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "AccessDenied,403,ACCESS_DENIED",
        "AccessDeniedException,400,ACCESS_DENIED",
        "UnrecognizedClientException,400,ACCESS_DENIED",
        "ExpiredToken,400,ACCESS_DENIED",
        "Whatever,403,ACCESS_DENIED",
        "Throttling,400,THROTTLED",
        "ThrottlingException,400,THROTTLED",
        "RequestLimitExceeded,400,THROTTLED",
        "Whatever,429,THROTTLED",
        "InvalidParameterValue,400,FAILED",
        "InternalServiceError,500,FAILED"
    })
    void shouldClassifyServiceErrorsByCodeAndStatus(String code, int status, Outcome outcome) {
        assertThat(FetchErrors.classify(cloudWatchError(code, status))).isEqualTo(outcome);
    }

    @Test
    void shouldClassifyTimeoutsAndOtherClientErrors() {
        assertThat(FetchErrors.classify(ApiCallTimeoutException.create(1))).isEqualTo(Outcome.TIMEOUT);
        assertThat(FetchErrors.classify(
                        SdkClientException.create("read", new SocketTimeoutException("Read timed out"))))
                .isEqualTo(Outcome.TIMEOUT);
        assertThat(FetchErrors.classify(SdkClientException.create("Unable to execute HTTP request: refused")))
                .isEqualTo(Outcome.FAILED);
        assertThat(FetchErrors.classify(new IllegalStateException("bug"))).isEqualTo(Outcome.FAILED);
    }

    private static CloudWatchException cloudWatchError(String code, int status) {
        return (CloudWatchException) CloudWatchException.builder()
                .statusCode(status)
                .message(code)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(code)
                        .build())
                .build();
    }
}
