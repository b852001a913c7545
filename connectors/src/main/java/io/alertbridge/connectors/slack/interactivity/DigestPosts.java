package io.alertbridge.connectors.slack.interactivity;

import com.slack.api.model.Message;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a posted report digest is recognised in a channel, and what to do when more than one is there: pure functions
 * over the messages {@code conversations.history} returns with {@code include_all_metadata}.
 *
 * <p>A digest carries metadata of {@link #EVENT_TYPE} with its period key ({@code <rule id>@<due date>}) in the
 * payload field {@link #PERIOD}. A digest is posted only when no message with its key is found. Two instances that
 * look at the same moment can both find none and both post; each then looks again, and every one but the earliest
 * (lowest {@code ts}) deletes its own, so one stays.
 */
final class DigestPosts {

    /** The metadata event type of a digest. */
    static final String EVENT_TYPE = "alertbridge_report_digest";

    /** The payload field with the period key. */
    static final String PERIOD = "period";

    /** The payload field with the rule id. */
    static final String RULE = "rule";

    private DigestPosts() {}

    /** The metadata a digest of this period is posted with. */
    static Message.Metadata metadata(String ruleId, String periodKey) {
        return new Message.Metadata(EVENT_TYPE, Map.of(PERIOD, periodKey, RULE, ruleId));
    }

    /** The ts of every message among {@code messages} that is a digest of {@code periodKey}, earliest first. */
    static List<String> postsOf(List<Message> messages, String periodKey) {
        if (messages == null) {
            return List.of();
        }
        return messages.stream()
                .filter(m -> m.getMetadata() != null
                        && EVENT_TYPE.equals(m.getMetadata().getEventType()))
                .filter(m -> m.getMetadata().getEventPayload() != null
                        && periodKey.equals(
                                String.valueOf(m.getMetadata().getEventPayload().get(PERIOD))))
                .map(Message::getTs)
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing(BigDecimal::new))
                .toList();
    }

    /** True when the period already has a digest: then it is not posted again. */
    static boolean alreadyPosted(List<Message> messages, String periodKey) {
        return !postsOf(messages, periodKey).isEmpty();
    }

    /**
     * True when the digest just posted as {@code ownTs} must be deleted: another digest of the same period was
     * posted before it (a lower ts), by another instance that looked at the same moment.
     */
    static boolean yieldsTo(List<String> postsOfPeriod, String ownTs) {
        BigDecimal own = new BigDecimal(ownTs);
        return postsOfPeriod.stream().anyMatch(ts -> new BigDecimal(ts).compareTo(own) < 0);
    }
}
