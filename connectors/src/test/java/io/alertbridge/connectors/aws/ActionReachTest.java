package io.alertbridge.connectors.aws;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ActionReachTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:alarms";
    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
    private static final ConnectedTopics.Snapshot CONNECTED = new ConnectedTopics.Snapshot(Set.of(TOPIC), 1, null, AT);

    @Test
    void shouldReachAlertbridgeThroughAConnectedTopic() {
        assertThat(ActionReach.of(TOPIC, CONNECTED).reach()).isEqualTo(ActionReach.Reach.CONNECTED);
    }

    @Test
    void shouldNotReachThroughATopicNoBridgeQueueIsSubscribedTo() {
        ActionReach reach = ActionReach.of("arn:aws:sns:eu-west-1:123456789012:other", CONNECTED);

        assertThat(reach.reach()).isEqualTo(ActionReach.Reach.NOT_CONNECTED);
        assertThat(reach.why()).contains("no bridge queue is subscribed");
    }

    @Test
    void shouldSayThatNoQueueIsConfiguredWhenThereIsNone() {
        ActionReach reach = ActionReach.of(TOPIC, new ConnectedTopics.Snapshot(Set.of(), 0, null, AT));

        assertThat(reach.reach()).isEqualTo(ActionReach.Reach.NOT_CONNECTED);
        assertThat(reach.why()).contains("no bridge queue is configured");
    }

    @Test
    void shouldNeverReachThroughAnActionThatIsNotATopic() {
        assertThat(ActionReach.of("arn:aws:automate:eu-west-1:ec2:stop", CONNECTED)
                        .reach())
                .isEqualTo(ActionReach.Reach.NOT_A_TOPIC);
        assertThat(ActionReach.of("arn:aws:autoscaling:eu-west-1:123456789012:scalingPolicy:x", CONNECTED)
                        .why())
                .isEqualTo("a autoscaling action, not an SNS topic: it never reaches Alertbridge");
        assertThat(ActionReach.of("not-an-arn", CONNECTED).reach()).isEqualTo(ActionReach.Reach.NOT_A_TOPIC);
    }

    @Test
    void shouldSayUnknownWhenTheConnectedTopicsCouldNotBeRead() {
        ActionReach reach = ActionReach.of(
                TOPIC, new ConnectedTopics.Snapshot(Set.of(), 1, "AWS refused the request to SNS (AccessDenied)", AT));

        assertThat(reach.reach()).isEqualTo(ActionReach.Reach.UNKNOWN);
        assertThat(reach.why()).contains("AccessDenied");
    }
}
