package io.alertbridge.bench;

import io.alertbridge.devkit.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * How far a consumer group is behind on each topic it reads (end offset minus committed offset, summed over the
 * topic's partitions): which stage of a pipeline falls behind. The internal topics of the processor name its
 * sub-topologies (a {@code ...-repartition} topic is the input of the stage after it).
 */
final class GroupLag {

    private GroupLag() {}

    /** The group's lag per topic, shortest topic name first, with {@code prefix} cut from the names. */
    static String describe(EmbeddedKafka kafka, String groupId, String prefix) {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            Map<String, Long> lag = new TreeMap<>();
            committed.forEach((tp, offset) -> {
                long end = ends.get(tp).offset();
                long at = offset == null ? 0 : offset.offset();
                lag.merge(tp.topic().replace(prefix, ""), Math.max(0, end - at), Long::sum);
            });
            return lag.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ", groupId.replace(prefix, "") + " lag {", "}"));
        } catch (Exception e) {
            return groupId + " lag unknown (" + e + ")";
        }
    }
}
