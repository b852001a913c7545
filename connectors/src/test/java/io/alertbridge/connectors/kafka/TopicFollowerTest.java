package io.alertbridge.connectors.kafka;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The consumer settings every follower adds to the common Kafka properties. */
class TopicFollowerTest {

    private static Properties common() {
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", "localhost:9092");
        kafka.put("group.id", "alertbridge-processor");
        kafka.put("auto.offset.reset", "latest");
        return kafka;
    }

    @Test
    void shouldReadEverythingCommittedWithoutAGroupOrCreatingTheTopic() {
        Properties props = TopicFollower.consumerProps(common(), TopicFollower.Settings.of("v", "t", "client-v"));

        assertThat(props)
                .doesNotContainKey("group.id")
                .doesNotContainKey("max.poll.records")
                .containsEntry("bootstrap.servers", "localhost:9092")
                .containsEntry("enable.auto.commit", "false")
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("auto.offset.reset", "earliest")
                .containsEntry("allow.auto.create.topics", "false")
                .containsEntry("client.id", "client-v");
    }

    @Test
    void shouldLeaveClientIdAndPollSizeSetByTheCommonPropertiesAlone() {
        Properties kafka = common();
        kafka.put("client.id", "mine");
        kafka.put("max.poll.records", "10");
        TopicFollower.Settings settings =
                TopicFollower.Settings.of("v", "t", "client-v").withMaxPollRecords(5000);

        assertThat(TopicFollower.consumerProps(kafka, settings))
                .containsEntry("client.id", "mine")
                .containsEntry("max.poll.records", "10");
        assertThat(TopicFollower.consumerProps(common(), settings)).containsEntry("max.poll.records", "5000");
    }
}
