package io.alertbridge.connectors.secrets;

import io.alertbridge.connectors.secrets.SecretReference.Store;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretValuesTest {

    private static final SecretReference WHOLE = new SecretReference(Store.SECRETS_MANAGER, "slack", null);
    private static final SecretReference KEYED = new SecretReference(Store.SECRETS_MANAGER, "slack", "botToken");

    @Test
    void shouldTakeTheWholeStringWithoutAKey() {
        SecretValues.Extracted extracted = SecretValues.extract(WHOLE, " xoxb-whole\n");

        assertThat(extracted.value()).isEqualTo("xoxb-whole");
        assertThat(extracted.reason()).isNull();
    }

    @Test
    void shouldTakeTheKeyOfAJsonObject() {
        SecretValues.Extracted extracted =
                SecretValues.extract(KEYED, "{\"botToken\":\"xoxb-keyed\",\"signingSecret\":\"s3cr3t\"}");

        assertThat(extracted.value()).isEqualTo("xoxb-keyed");
    }

    @Test
    void shouldSayTheSecretIsNotJsonWithoutQuotingIt() {
        SecretValues.Extracted extracted = SecretValues.extract(KEYED, "xoxb-PLAINVALUE");

        assertThat(extracted.ok()).isFalse();
        assertThat(extracted.reason())
                .isEqualTo("secret secretsmanager:slack#botToken is not JSON, so it has no key botToken")
                .doesNotContain("PLAINVALUE");
    }

    @Test
    void shouldSayTheSecretIsNotAJsonObject() {
        assertThat(SecretValues.extract(KEYED, "[\"xoxb-INARRAY\"]").reason())
                .contains("is not a JSON object")
                .doesNotContain("INARRAY");
    }

    @Test
    void shouldSayTheKeyIsMissingWithoutQuotingTheOthers() {
        SecretValues.Extracted extracted = SecretValues.extract(KEYED, "{\"signingSecret\":\"OTHERVALUE\"}");

        assertThat(extracted.reason())
                .isEqualTo("secret secretsmanager:slack#botToken has no key botToken")
                .doesNotContain("OTHERVALUE");
    }

    @Test
    void shouldRefuseAKeyThatIsNotAString() {
        assertThat(SecretValues.extract(KEYED, "{\"botToken\":{\"v\":\"NESTED\"}}")
                        .reason())
                .contains("not as a non-empty string")
                .doesNotContain("NESTED");
        assertThat(SecretValues.extract(KEYED, "{\"botToken\":\"  \"}").ok()).isFalse();
    }

    @Test
    void shouldRefuseAnEmptyOrBinarySecret() {
        assertThat(SecretValues.extract(WHOLE, null).reason()).contains("holds no string value");
        assertThat(SecretValues.extract(WHOLE, "  ").reason()).contains("holds no string value");
    }

    @Test
    void shouldNeverShowTheValueInToString() {
        assertThat(SecretValues.extract(WHOLE, "xoxb-SHOWN")).asString().doesNotContain("SHOWN");
    }
}
