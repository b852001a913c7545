package io.alertbridge.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertbridge.devkit.MotoServer;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** moto's server as the devkit runs it: a real AWS API, with SNS delivering into an SQS subscription. */
@ExtendWith(DevkitExtension.class)
class MotoServerIT {

    private static final StaticCredentialsProvider DUMMY =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    @Test
    void shouldDeliverAnSnsPublishIntoASubscribedQueue(MotoServer moto) throws Exception {
        try (SnsClient sns = SnsClient.builder()
                        .endpointOverride(moto.endpoint())
                        .region(Region.of(moto.region()))
                        .credentialsProvider(DUMMY)
                        .build();
                SqsClient sqs = SqsClient.builder()
                        .endpointOverride(moto.endpoint())
                        .region(Region.of(moto.region()))
                        .credentialsProvider(DUMMY)
                        .build()) {
            String name = DevkitExtension.unique("moto-it");
            String topicArn = sns.createTopic(b -> b.name(name)).topicArn();
            String queueUrl = sqs.createQueue(b -> b.queueName(name)).queueUrl();
            String queueArn = sqs.getQueueAttributes(
                            b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));

            sns.publish(b -> b.topicArn(topicArn).subject("ALARM").message("{\"AlarmName\":\"api-5xx\"}"));
            List<Message> received = sqs.receiveMessage(
                            b -> b.queueUrl(queueUrl).waitTimeSeconds(5).maxNumberOfMessages(1))
                    .messages();

            assertThat(topicArn).startsWith("arn:aws:sns:us-east-1:" + MotoServer.ACCOUNT_ID + ":");
            assertThat(received).hasSize(1);
            JsonNode envelope = new ObjectMapper().readTree(received.get(0).body());
            assertThat(envelope.path("Type").asText()).isEqualTo("Notification");
            assertThat(envelope.path("TopicArn").asText()).isEqualTo(topicArn);
            assertThat(envelope.path("Message").asText()).isEqualTo("{\"AlarmName\":\"api-5xx\"}");
        }
    }

    @Test
    void shouldServeTheSdksCloudWatchClientAlarmsAndMetricData(MotoServer moto) {
        try (CloudWatchClient cloudWatch = CloudWatchClient.builder()
                .endpointOverride(moto.endpoint())
                .region(Region.of(moto.region()))
                .credentialsProvider(DUMMY)
                .build()) {
            String alarm = DevkitExtension.unique("api-5xx");
            String namespace = DevkitExtension.unique("Alertbridge/IT");
            cloudWatch.putMetricAlarm(b -> b.alarmName(alarm)
                    .namespace(namespace)
                    .metricName("5xxErrors")
                    .dimensions(Dimension.builder().name("Api").value("orders").build())
                    .statistic(Statistic.SUM)
                    .period(60)
                    .evaluationPeriods(3)
                    .threshold(5.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                    .alarmActions("arn:aws:sns:us-east-1:" + MotoServer.ACCOUNT_ID + ":alarms"));
            Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            cloudWatch.putMetricData(b -> b.namespace(namespace)
                    .metricData(
                            datum("5xxErrors", 3.0, now.minus(Duration.ofMinutes(2))),
                            datum("5xxErrors", 9.0, now.minus(Duration.ofMinutes(1)))));

            // Over 10 KB the SDK gzips PutMetricData: 300 datapoints, a minute apart, over the five hours before.
            List<MetricDatum> many = new java.util.ArrayList<>();
            for (int i = 0; i < 300; i++) {
                many.add(datum("Latency", i, now.minus(Duration.ofMinutes(300 - i))));
            }
            cloudWatch.putMetricData(b -> b.namespace(namespace).metricData(many));

            MetricAlarm described = cloudWatch
                    .describeAlarms(b -> b.alarmNames(alarm))
                    .metricAlarms()
                    .get(0);
            GetMetricDataResponse data = cloudWatch.getMetricData(b -> b.startTime(now.minus(Duration.ofMinutes(10)))
                    .endTime(now.plus(Duration.ofMinutes(1)))
                    .metricDataQueries(MetricDataQuery.builder()
                            .id("m1")
                            .metricStat(s -> s.metric(m -> m.namespace(namespace)
                                            .metricName("5xxErrors")
                                            .dimensions(Dimension.builder()
                                                    .name("Api")
                                                    .value("orders")
                                                    .build()))
                                    .period(60)
                                    .stat("Sum"))
                            .build()));

            assertThat(described.metricName()).isEqualTo("5xxErrors");
            assertThat(described.threshold()).isEqualTo(5.0);
            assertThat(described.evaluationPeriods()).isEqualTo(3);
            assertThat(described.comparisonOperator()).isEqualTo(ComparisonOperator.GREATER_THAN_THRESHOLD);
            assertThat(described.alarmActions()).containsExactly("arn:aws:sns:us-east-1:123456789012:alarms");
            assertThat(described.stateUpdatedTimestamp()).isAfter(now.minus(Duration.ofHours(1)));
            MetricDataResult series = data.metricDataResults().get(0);
            assertThat(series.values()).containsExactlyInAnyOrder(3.0, 9.0);
            assertThat(series.timestamps())
                    .containsExactlyInAnyOrder(now.minus(Duration.ofMinutes(2)), now.minus(Duration.ofMinutes(1)));
            GetMetricDataResponse latency = cloudWatch.getMetricData(b -> b.startTime(now.minus(Duration.ofHours(6)))
                    .endTime(now)
                    .metricDataQueries(MetricDataQuery.builder()
                            .id("m1")
                            .metricStat(s -> s.metric(m -> m.namespace(namespace)
                                            .metricName("Latency")
                                            .dimensions(Dimension.builder()
                                                    .name("Api")
                                                    .value("orders")
                                                    .build()))
                                    .period(60)
                                    .stat("Maximum"))
                            .build()));
            assertThat(latency.metricDataResults().get(0).values()).hasSize(300);
            assertThatThrownBy(() -> cloudWatch.deleteDashboards(b -> b.dashboardNames(alarm)))
                    .isInstanceOfSatisfying(
                            CloudWatchException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound"));
            // An operation moto does not implement fails as an AWS error, not as a broken connection.
            assertThatThrownBy(() -> cloudWatch.deleteAnomalyDetector(b -> b.singleMetricAnomalyDetector(
                            d -> d.namespace(namespace).metricName("nothing").stat("Sum"))))
                    .isInstanceOf(CloudWatchException.class);
        }
    }

    private static MetricDatum datum(String name, double value, Instant at) {
        return MetricDatum.builder()
                .metricName(name)
                .dimensions(Dimension.builder().name("Api").value("orders").build())
                .value(value)
                .timestamp(at)
                .build();
    }

    @Test
    void shouldNameWhatIsMissingWhenPythonCannotRun() {
        assertThatThrownBy(() -> MotoServer.start("/nonexistent/python3"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/python3")
                .hasMessageContaining("moto[server]");
    }
}
