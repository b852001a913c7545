package io.alertbridge.bench;

import io.alertbridge.devkit.EmbeddedKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When each alarm of an {@link EndToEndLatency} phase reached the product's topics: the Kafka timestamps (producer
 * create time, epoch milliseconds) that split its latency by hop.
 *
 * @param raw the raw topic's record, by SNS message id (the bridge's key)
 * @param postCommands the throttle's POST command naming it, by alarm number
 * @param ackCommands the first UPDATE command showing an acknowledgement, by incident id
 * @param actions the first user action, by incident id
 */
record HopStamps(
        Map<String, Long> raw,
        Map<Integer, Long> postCommands,
        Map<String, Long> ackCommands,
        Map<String, Long> actions) {

    private static final Pattern INCIDENT_ID = Pattern.compile("\"incidentId\":\"([^\"]+)\"");

    /**
     * Reads the committed records of a run's topics.
     *
     * @param prefix the run's topic prefix
     * @param phase the phase letter in the alarms' instance ids
     * @param instance matches an alarm's instance id: group 1 the phase letter, group 2 the alarm's number
     */
    static HopStamps read(EmbeddedKafka kafka, String prefix, char phase, Pattern instance, Duration patience) {
        Map<String, Long> raw = new HashMap<>();
        for (ConsumerRecord<String, String> r : CommittedRecords.readAll(kafka, prefix + "aws.raw", patience)) {
            raw.putIfAbsent(r.key(), r.timestamp());
        }
        Map<Integer, Long> posts = new HashMap<>();
        Map<String, Long> acks = new HashMap<>();
        for (ConsumerRecord<String, String> r : CommittedRecords.readAll(kafka, prefix + "notifications", patience)) {
            String value = r.value() == null ? "" : r.value();
            Matcher alarm = instance.matcher(value);
            Matcher id = INCIDENT_ID.matcher(value);
            if (value.contains("\"type\":\"POST\"")
                    && alarm.find()
                    && alarm.group(1).charAt(0) == phase) {
                posts.putIfAbsent(Integer.parseInt(alarm.group(2)), r.timestamp());
            } else if (value.contains("\"type\":\"UPDATE\"") && value.contains("ACKNOWLEDGED") && id.find()) {
                acks.putIfAbsent(id.group(1), r.timestamp());
            }
        }
        Map<String, Long> actions = new HashMap<>();
        for (ConsumerRecord<String, String> r : CommittedRecords.readAll(kafka, prefix + "actions", patience)) {
            Matcher id = INCIDENT_ID.matcher(r.value() == null ? "" : r.value());
            if (id.find()) {
                actions.putIfAbsent(id.group(1), r.timestamp());
            }
        }
        return new HopStamps(raw, posts, acks, actions);
    }
}
