package io.alertbridge.launcher.dev;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.connectors.aws.AwsAccess;
import io.alertbridge.processor.aws.AnomalyMessages;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.serde.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The demo on the production path: alarm messages published to the alarm topic (as CloudWatch publishes to an
 * alarm's SNS actions), events put on the default event bus (as CodePipeline emits them, for the connected rules to
 * route), and anomaly scores published to the anomaly topic with the message attribute
 * {@value AnomalyMessages#TYPE_ATTRIBUTE} = {@value AnomalyMessages#SCORE} (as a detector's Lambda would). SNS and
 * EventBridge deliver into the connected queue themselves.
 *
 * <p>Thread-safe as far as the SDK clients are; the demo calls it from one thread.
 */
public final class AwsDemoOutlet implements DemoOutlet {

    private static final Logger LOG = LoggerFactory.getLogger(AwsDemoOutlet.class);
    /** CloudWatch takes at most 1,000 datapoints per {@code PutMetricData}. */
    private static final int MAX_DATA_PER_CALL = 1_000;

    private final SnsClient sns;
    private final EventBridgeClient events;
    private final String alarmTopicArn;
    private final String anomalyTopicArn;
    private final AwsAccess access;

    /**
     * An outlet publishing to the given topics and putting events on the default bus.
     *
     * @param access where metric datapoints go (CloudWatch, in each alarm's region), or null for nowhere
     */
    public AwsDemoOutlet(
            SnsClient sns, EventBridgeClient events, String alarmTopicArn, String anomalyTopicArn, AwsAccess access) {
        this.sns = sns;
        this.events = events;
        this.alarmTopicArn = alarmTopicArn;
        this.anomalyTopicArn = anomalyTopicArn;
        this.access = access;
    }

    /** An outlet into dev's AWS stand-in. */
    public static AwsDemoOutlet of(DevAws aws) {
        return new AwsDemoOutlet(
                aws.clients().sns(), aws.clients().events(), aws.alarmTopicArn(), aws.anomalyTopicArn(), aws.access());
    }

    @Override
    public void metric(
            String region,
            String namespace,
            String metricName,
            Map<String, String> dimensions,
            String unit,
            SortedMap<Instant, Double> points) {
        if (access == null) {
            return;
        }
        List<Dimension> dims = dimensions.entrySet().stream()
                .map(d ->
                        Dimension.builder().name(d.getKey()).value(d.getValue()).build())
                .toList();
        List<MetricDatum> data = points.entrySet().stream()
                .map(p -> MetricDatum.builder()
                        .metricName(metricName)
                        .dimensions(dims)
                        .unit(unit)
                        .timestamp(p.getKey())
                        .value(p.getValue())
                        .build())
                .toList();
        // moto keeps metrics per region, as CloudWatch does: the graph reads the alarm's region.
        try (CloudWatchClient cloudWatch = new AwsAccess(region, access.endpoint(), access.credentials())
                .configure(CloudWatchClient.builder())
                .build()) {
            for (int from = 0; from < data.size(); from += MAX_DATA_PER_CALL) {
                List<MetricDatum> slice = data.subList(from, Math.min(data.size(), from + MAX_DATA_PER_CALL));
                cloudWatch.putMetricData(b -> b.namespace(namespace).metricData(slice));
            }
        } catch (SdkException e) {
            // The graphs are the demo's garnish: without their datapoints the messages say so, the demo goes on.
            LOG.warn("The demo's datapoints for {} did not reach CloudWatch: {}", dimensions, e.getMessage());
        }
    }

    @Override
    public void alarm(String message, String subject) {
        sns.publish(b -> b.topicArn(alarmTopicArn).message(message).subject(subject));
    }

    @Override
    public void event(ObjectNode event) {
        PutEventsResponse response = events.putEvents(b -> b.entries(entry(event)));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            throw new IllegalStateException("EventBridge refused the demo's event: " + response.entries());
        }
    }

    /** The {@code PutEvents} entry for an event in its delivered shape (EventBridge writes the envelope again). */
    static PutEventsRequestEntry entry(JsonNode event) {
        List<String> resources = new ArrayList<>();
        event.path("resources").forEach(r -> resources.add(r.asText()));
        return PutEventsRequestEntry.builder()
                .source(event.path("source").asText())
                .detailType(event.path("detail-type").asText())
                .detail(event.path("detail").toString())
                .resources(resources)
                .time(Instant.parse(event.path("time").asText()))
                .build();
    }

    @Override
    public void score(AnomalyScore score) {
        String json;
        try {
            json = Json.mapper().writeValueAsString(score);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the demo's anomaly score", e);
        }
        sns.publish(b -> b.topicArn(anomalyTopicArn)
                .message(json)
                .messageAttributes(Map.of(
                        AnomalyMessages.TYPE_ATTRIBUTE,
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue(AnomalyMessages.SCORE)
                                .build())));
    }

    @Override
    public void flush() {
        // Every call above returns once AWS has accepted the message.
    }
}
