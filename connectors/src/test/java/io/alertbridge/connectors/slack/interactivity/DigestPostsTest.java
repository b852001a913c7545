package io.alertbridge.connectors.slack.interactivity;

import com.slack.api.model.Message;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DigestPostsTest {

    private static Message message(String ts, Message.Metadata metadata) {
        Message m = new Message();
        m.setTs(ts);
        m.setText("text");
        m.setMetadata(metadata);
        return m;
    }

    private static Message digest(String ts, String key) {
        return message(ts, DigestPosts.metadata(key.substring(0, key.indexOf('@')), key));
    }

    @Test
    void shouldFindTheDigestOfThePeriodOnlyByItsMetadata() {
        List<Message> channel = List.of(
                message("1764662400.000300", null),
                digest("1764662400.000200", "weekly@2026-11-30"),
                message("1764662400.000100", new Message.Metadata("alertbridge_incident", Map.of("period", "x"))));

        assertThat(DigestPosts.alreadyPosted(channel, "weekly@2026-11-30")).isTrue();
        assertThat(DigestPosts.alreadyPosted(channel, "weekly@2026-12-07"))
                .as("another period's digest is not this one's")
                .isFalse();
        assertThat(DigestPosts.alreadyPosted(channel, "x"))
                .as("another event type with the same field is not a digest")
                .isFalse();
        assertThat(DigestPosts.alreadyPosted(null, "weekly@2026-11-30")).isFalse();
    }

    @Test
    void shouldKeepOnlyTheEarliestOfTwoPostsOfOnePeriod() {
        List<Message> channel = List.of(
                digest("1764662401.000900", "daily@2026-12-02"),
                digest("1764662400.001000", "daily@2026-12-02"),
                digest("1764662399.000000", "daily@2026-12-01"));
        List<String> posts = DigestPosts.postsOf(channel, "daily@2026-12-02");

        assertThat(posts).containsExactly("1764662400.001000", "1764662401.000900");
        assertThat(DigestPosts.yieldsTo(posts, "1764662401.000900")).isTrue();
        assertThat(DigestPosts.yieldsTo(posts, "1764662400.001000")).isFalse();
        assertThat(DigestPosts.yieldsTo(List.of("1764662401.000900"), "1764662400.001000"))
                .as("a later post by another (ours not yet visible) does not make us delete ours")
                .isFalse();
    }
}
