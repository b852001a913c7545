package io.alertbridge.devkit.slack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Slack's request signature, checked against the worked example in Slack's documentation. */
class SlackSignatureTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final long TIMESTAMP = 1531420618;
    private static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
            + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    @Test
    void shouldSignAsSlacksDocumentedExample() {
        assertThat(SlackSignature.sign(SECRET, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void shouldVerifyOnlyMatchingFreshRequests() {
        String ts = Long.toString(TIMESTAMP);
        assertThat(SlackSignature.verify(SECRET, ts, SIGNATURE, BODY, TIMESTAMP + 60))
                .isTrue();
        assertThat(SlackSignature.verify(SECRET, ts, SIGNATURE, BODY + "x", TIMESTAMP))
                .isFalse();
        assertThat(SlackSignature.verify("other", ts, SIGNATURE, BODY, TIMESTAMP))
                .isFalse();
        assertThat(SlackSignature.verify(SECRET, ts, SIGNATURE, BODY, TIMESTAMP + 301))
                .as("older than five minutes")
                .isFalse();
        assertThat(SlackSignature.verify(SECRET, null, SIGNATURE, BODY, TIMESTAMP))
                .isFalse();
    }
}
