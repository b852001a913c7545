package io.alertbridge.connectors.secrets;

import io.alertbridge.connectors.secrets.SecretReference.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SecretReferenceTest {

    @Test
    void shouldParseASecretsManagerName() {
        SecretReference.Parsed parsed = SecretReference.parse("secretsmanager:prod/alertbridge/slack");

        assertThat(parsed.reference())
                .isEqualTo(new SecretReference(Store.SECRETS_MANAGER, "prod/alertbridge/slack", null));
        assertThat(parsed.reference()).hasToString("secretsmanager:prod/alertbridge/slack");
    }

    @Test
    void shouldParseASecretsManagerNameWithAJsonKey() {
        SecretReference reference =
                SecretReference.parse(" secretsmanager:slack#botToken ").reference();

        assertThat(reference).isEqualTo(new SecretReference(Store.SECRETS_MANAGER, "slack", "botToken"));
        assertThat(reference).hasToString("secretsmanager:slack#botToken");
    }

    @Test
    void shouldParseASecretsManagerArnWithAJsonKey() {
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/slack-AbCdEf";

        SecretReference reference =
                SecretReference.parse("secretsmanager:" + arn + "#signing").reference();

        assertThat(reference).isEqualTo(new SecretReference(Store.SECRETS_MANAGER, arn, "signing"));
    }

    @Test
    void shouldParseAnSsmParameter() {
        SecretReference reference =
                SecretReference.parse("ssm:/alertbridge/prod/slack-token").reference();

        assertThat(reference).isEqualTo(new SecretReference(Store.SSM, "/alertbridge/prod/slack-token", null));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"xoxb-1-2-abc", "xapp-1-A-1-abc", "8f14e45fceea167a5a36dedd4bea2543", "ssmx:/a", "arn:aws:x"})
    void shouldTakeAnythingWithoutAStorePrefixAsTheSecretItself(String value) {
        SecretReference.Parsed parsed = SecretReference.parse(value);

        assertThat(parsed.isLiteral()).isTrue();
        assertThat(SecretReference.looksLikeReference(value)).isFalse();
    }

    @Test
    void shouldTakeNullAsALiteral() {
        assertThat(SecretReference.parse(null).isLiteral()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "secretsmanager:",
                "secretsmanager:#key",
                "secretsmanager:slack#",
                "secretsmanager:slack#a#b",
                "secretsmanager:slack#has space",
                "secretsmanager:has space",
                "secretsmanager:arn:aws:sqs:eu-west-1:123456789012:queue",
                "secretsmanager:arn:aws:secretsmanager:eu-west-1:123456789012",
                "ssm:",
                "ssm:no-leading-slash",
                "ssm:/a#key",
                "ssm:/with space",
            })
    void shouldRefuseABadReferenceWithAReason(String value) {
        SecretReference.Parsed parsed = SecretReference.parse(value);

        assertThat(parsed.isInvalid()).as(value).isTrue();
        assertThat(parsed.reference()).isNull();
        assertThat(parsed.reason()).isNotBlank();
        assertThat(SecretReference.looksLikeReference(value)).isTrue();
    }

    @Test
    void shouldNeverQuoteABadReferenceInTheReason() {
        String pastedToken = "xoxb-FAKE-FAKE-abcdefSECRETVALUE";
        String hostile = "ssm:" + pastedToken + "\u001b[2J\r\nFAKE LOG LINE";

        SecretReference.Parsed parsed = SecretReference.parse(hostile);

        assertThat(parsed.isInvalid()).isTrue();
        assertThat(parsed.reason())
                .doesNotContain("SECRETVALUE")
                .doesNotContain("FAKE LOG LINE")
                .doesNotContain("\u001b")
                .doesNotContain("\n");
    }

    @Test
    void shouldNeverQuoteABadSecretsManagerNameOrKeyInTheReason() {
        assertThat(SecretReference.parse("secretsmanager:abc\nSECRET").reason()).doesNotContain("SECRET");
        assertThat(SecretReference.parse("secretsmanager:abc#k\u0000SECRET").reason())
                .doesNotContain("SECRET");
        assertThat(SecretReference.parse("secretsmanager:arn:aws:secretsmanager:SECRET")
                        .reason())
                .doesNotContain("SECRET");
    }

    @Test
    void shouldRefuseOverlongNames() {
        assertThat(SecretReference.parse("secretsmanager:" + "a".repeat(513)).reason())
                .contains("longer than 512");
        assertThat(SecretReference.parse("ssm:/" + "a".repeat(2048)).reason()).contains("longer than 2048");
    }
}
