package io.alertbridge.connectors.graphs;

import io.alertbridge.connectors.graphs.FetchResult.Outcome;
import io.alertbridge.devkit.MotoServer;
import io.alertbridge.schemas.model.AlarmMetric;
import io.alertbridge.testkit.junit.DevkitExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fetcher against a real CloudWatch API (moto through the devkit's gateway): PutMetricData, then the graph. */
@ExtendWith(DevkitExtension.class)
class MetricFetcherIT {

    @Test
    void shouldFetchWhatWasPutForTheAlarmsMetricAndDrawIt(MotoServer moto) throws Exception {
        try (CloudWatchClient cloudWatch = CloudWatchClient.builder()
                .endpointOverride(moto.endpoint())
                .region(Region.of(moto.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            String namespace = DevkitExtension.unique("Alertbridge/Graphs");
            String instance = DevkitExtension.unique("i-");
            Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            List<MetricDatum> data = new ArrayList<>();
            for (int minutesAgo = 20; minutesAgo >= 1; minutesAgo--) {
                double value = minutesAgo <= 5 ? 90.0 : 20.0 + minutesAgo;
                data.add(MetricDatum.builder()
                        .metricName("CPUUtilization")
                        .dimensions(Dimension.builder()
                                .name("InstanceId")
                                .value(instance)
                                .build())
                        .timestamp(now.minus(Duration.ofMinutes(minutesAgo)))
                        .value(value)
                        .build());
            }
            data.add(MetricDatum.builder()
                    .metricName("CPUUtilization")
                    .dimensions(Dimension.builder()
                            .name("InstanceId")
                            .value("another-instance")
                            .build())
                    .timestamp(now.minus(Duration.ofMinutes(3)))
                    .value(1_000.0)
                    .build());
            cloudWatch.putMetricData(b -> b.namespace(namespace).metricData(data));
            AlarmMetric metric = AlarmMetric.builder()
                    .region(moto.region())
                    .account(MotoServer.ACCOUNT_ID)
                    .alarmName("cpu-high")
                    .namespace(namespace)
                    .metricName("CPUUtilization")
                    .dimensions(Map.of("InstanceId", instance))
                    .statistic("Average")
                    .period(60)
                    .evaluationPeriods(3)
                    .datapointsToAlarm(3)
                    .threshold(80.0)
                    .comparisonOperator("GreaterThanThreshold")
                    .build();
            MetricFetcher fetcher = new MetricFetcher(
                    region -> cloudWatch,
                    MetricFetcher.Settings.defaults(),
                    Clock.systemUTC(),
                    new SimpleMeterRegistry());

            MetricQueryPlan.Queries plan = (MetricQueryPlan.Queries) MetricQueryPlan.plan(
                    metric, now.minus(Duration.ofMinutes(3)), Instant.now(), MetricQueryPlan.Window.defaults());
            FetchResult result = fetcher.fetch(plan);
            FetchResult again = fetcher.fetch(plan);

            assertThat(result.outcome()).as(result.reason()).isEqualTo(Outcome.FETCHED);
            assertThat(result.series()).hasSize(20);
            assertThat(result.series().get(0).at()).isEqualTo(now.minus(Duration.ofMinutes(20)));
            assertThat(result.series().get(19).value()).isEqualTo(90.0);
            assertThat(result.series()).extracting(TimePoint::value).doesNotContain(1_000.0);
            assertThat(again.calls())
                    .as("the same alarm and window come from the cache")
                    .isZero();

            ChartModel model = ChartModels.forAlarm(metric, plan, result, ZoneId.of("Europe/Berlin"));
            assertThat(model.breaches()).hasSize(5);
            assertThat(model.alarmIntervals())
                    .containsExactly(new ChartModel.Interval(now.minus(Duration.ofMinutes(3)), now));
            ChartRenderer.Rendered png = new ChartRenderer().render(model);
            assertThat(ImageIO.read(new ByteArrayInputStream(png.png())).getWidth())
                    .isEqualTo(800);
        }
    }
}
