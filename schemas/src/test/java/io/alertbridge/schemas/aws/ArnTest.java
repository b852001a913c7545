package io.alertbridge.schemas.aws;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ArnTest {

    @Test
    void shouldReadEveryPartOfARegionalArn() {
        Arn alarm = arn("arn:aws:cloudwatch:eu-west-2:123456789012:alarm:High CPU");

        assertThat(alarm.text()).isEqualTo("arn:aws:cloudwatch:eu-west-2:123456789012:alarm:High CPU");
        assertThat(alarm.partition()).isEqualTo("aws");
        assertThat(alarm.service()).isEqualTo("cloudwatch");
        assertThat(alarm.region()).isEqualTo("eu-west-2");
        assertThat(alarm.account()).isEqualTo("123456789012");
        assertThat(alarm.resource()).isEqualTo("alarm:High CPU");
        assertThat(alarm.resourceName()).isEqualTo("High CPU");
    }

    @Test
    void shouldKeepColonsAndSlashesInsideTheResource() {
        Arn bucket = arn("arn:aws:s3:::my-bucket/key/with:colon");
        Arn build = arn("arn:aws:codebuild:eu-west-1:123456789012:build/api-build:8745a7a9-c340");

        assertThat(bucket.resource()).isEqualTo("my-bucket/key/with:colon");
        assertThat(build.resource()).isEqualTo("build/api-build:8745a7a9-c340");
        assertThat(build.resourceName()).isEqualTo("8745a7a9-c340");
    }

    @Test
    void shouldReadOtherPartitionsAndTheirRegions() {
        assertThat(arn("arn:aws-us-gov:sns:us-gov-west-1:123456789012:topic").region())
                .isEqualTo("us-gov-west-1");
        assertThat(arn("arn:aws-cn:sqs:cn-north-1:123456789012:queue").partition())
                .isEqualTo("aws-cn");
        assertThat(arn("arn:aws-iso-b:sqs:us-isob-east-1:123456789012:queue").region())
                .isEqualTo("us-isob-east-1");
        assertThat(arn("arn:aws-eusc:sqs:eusc-de-east-1:123456789012:queue").region())
                .isEqualTo("eusc-de-east-1");
    }

    // The Slack sink's former parser kept these parts as written (an empty string, "*", "REGION"), and built console
    // URLs such as https://*.console.aws.amazon.com from them; AWS documents that an ARN omits the region or account
    // of a global resource, and a placeholder or a wildcard names none either.
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "arn:aws:iam::123456789012:user/deployer               | 123456789012",
                "arn:aws:s3:::my-bucket                                |",
                "arn:aws:cloudwatch:*:123456789012:alarm:api-5xx       | 123456789012",
                "arn:aws:cloudwatch:REGION:ACCOUNT_NUMBER:alarm:EXAMPLE |",
                "arn:aws:cloudwatch:EU (London):123456789012:alarm:x   | 123456789012",
                "arn:aws:sns:*:*:topic                                 |",
            })
    void shouldHaveNoRegionWhenTheArnNamesNone(String text, String account) {
        Arn parsed = arn(text.strip());

        assertThat(parsed.region()).isNull();
        assertThat(parsed.account()).isEqualTo(account);
    }

    // The processor's former parser took an empty partition or service as an ARN part; the Slack sink's took any.
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "arn::cloudwatch:eu-west-2:123456789012:alarm:x | partition is not aws or aws-<name>",
                "arn:AWS:cloudwatch:eu-west-2:123456789012:x    | partition is not aws or aws-<name>",
                "arn:aws::eu-west-2:123456789012:alarm:x        | service is not a service namespace",
                "arn:aws:s3 bucket:::x                          | service is not a service namespace",
                "arn:aws:s3:::                                  | resource is empty",
                "arn:aws:sns:EXAMPLE                            | has 4 of the 6 colon-separated parts",
                "EU (London)                                    | does not start with arn:",
            })
    void shouldSayWhyATextIsNotAnArn(String text, String reason) {
        Arn.Parsed parsed = Arn.parse(text.strip());

        assertThat(parsed.isArn()).isFalse();
        assertThat(parsed.toOptional()).isEmpty();
        assertThat(parsed.reason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                ":",
                "arn:",
                "arn::::::",
                "arn:aws:sns:eu-west-1:123456789012:t\nERROR forged log line",
                "arn:aws:sns:eu-west-1:123456789012:\u001b[31mred",
                "arn:aws:sns:eu-west-1:123456789012:\u0000",
                "arn:\uD800:sns",
            })
    void shouldRefuseHostileTextWithoutThrowing(String text) {
        Arn.Parsed parsed = Arn.parse(text);

        assertThat(parsed.isArn()).isFalse();
        assertThat(parsed.reason()).matches("[ -~]+").doesNotContain("red").doesNotContain("forged");
    }

    @Test
    void shouldRefuseNullAndOverlongTextWithAReason() {
        String overlong = "arn:aws:s3:::" + "b".repeat(Arn.MAX_LENGTH);

        assertThat(Arn.parse(null).reason()).isEqualTo("no text");
        assertThat(Arn.parse(overlong).reason()).isEqualTo("longer than 2048 characters");
        assertThat(Arn.parse(":".repeat(100_000)).isArn()).isFalse();
    }

    @Test
    void shouldTellRegionCodesAndAccountIdsFromAnythingElse() {
        assertThat(Arn.isRegionCode("ap-southeast-4")).isTrue();
        assertThat(Arn.isRegionCode("EU (London)")).isFalse();
        assertThat(Arn.isRegionCode("*")).isFalse();
        assertThat(Arn.isRegionCode(null)).isFalse();
        assertThat(Arn.isAccountId("123456789012")).isTrue();
        assertThat(Arn.isAccountId("1234-5678-9012")).isFalse();
        assertThat(Arn.regionOf("arn:aws:sns:us-east-2:111122223333:ExampleTopic1"))
                .contains("us-east-2");
        assertThat(Arn.regionOf("arn:aws:iam::111122223333:role/x")).isEmpty();
        assertThat(Arn.regionOf("not an arn")).isEmpty();
    }

    // The checks are written by hand for speed; these are the patterns they must agree with, on ARNs as AWS writes
    // them, on each of them mutated character by character, and on random text of the characters that matter.
    private static final Pattern PARTITION = Pattern.compile("aws(-[a-z0-9]+)*");
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final String[] REAL = {
        "arn:aws:cloudwatch:eu-west-2:123456789012:alarm:High CPU",
        "arn:aws-us-gov:sns:us-gov-west-1:123456789012:topic",
        "arn:aws-iso-b:sqs:us-isob-east-1:123456789012:queue",
        "arn:aws-eusc:sqs:eusc-de-east-1:123456789012:queue",
        "arn:aws:s3:::my-bucket/key/with:colon",
        "arn:aws:codebuild:eu-west-1:123456789012:build/api-build:8745a7a9-c340",
        "arn:aws:iam::123456789012:user/deployer",
        "arn:aws:sns:*:*:topic",
    };

    @Test
    void shouldAgreeWithTheDocumentedPatternsOnRealMutatedAndRandomText() {
        SplittableRandom random = new SplittableRandom(17);
        String alphabet = "aswzAS019-:/ *\u00e9\u0130\u212a\u0661\u0000";
        int checked = 0;
        for (String real : REAL) {
            assertAgrees(real);
            for (int i = 0; i < real.length(); i++) {
                for (char c : alphabet.toCharArray()) {
                    assertAgrees(real.substring(0, i) + c + real.substring(i + 1));
                    assertAgrees(real.substring(0, i) + c + real.substring(i));
                    assertAgrees(real.substring(0, i) + real.substring(i + 1));
                    checked += 3;
                }
            }
        }
        for (int n = 0; n < 100_000; n++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "arn:" : "");
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertAgrees(text.toString());
            checked++;
        }
        assertThat(checked).isGreaterThan(100_000);
    }

    private static void assertAgrees(String text) {
        assertThat(Arn.parse(text)).as(text).isEqualTo(byPatterns(text));
        assertThat(Arn.isRegionCode(text))
                .as(text)
                .isEqualTo(REGION.matcher(text).matches());
        assertThat(Arn.isAccountId(text))
                .as(text)
                .isEqualTo(ACCOUNT.matcher(text).matches());
    }

    /** What the parser did with the patterns before it checked by hand. */
    private static Arn.Parsed byPatterns(String text) {
        if (text.length() > Arn.MAX_LENGTH) {
            return new Arn.Parsed(null, "longer than " + Arn.MAX_LENGTH + " characters");
        }
        if (!text.startsWith("arn:")) {
            return new Arn.Parsed(null, "does not start with arn:");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            return new Arn.Parsed(null, "contains a control character");
        }
        String[] parts = text.split(":", 6);
        if (parts.length < 6) {
            return new Arn.Parsed(null, "has " + parts.length + " of the 6 colon-separated parts");
        }
        if (!PARTITION.matcher(parts[1]).matches()) {
            return new Arn.Parsed(null, "partition is not aws or aws-<name>");
        }
        if (!SERVICE.matcher(parts[2]).matches()) {
            return new Arn.Parsed(null, "service is not a service namespace");
        }
        if (parts[5].isEmpty()) {
            return new Arn.Parsed(null, "resource is empty");
        }
        return new Arn.Parsed(
                new Arn(
                        text,
                        parts[1],
                        parts[2],
                        REGION.matcher(parts[3]).matches() ? parts[3] : null,
                        ACCOUNT.matcher(parts[4]).matches() ? parts[4] : null,
                        parts[5]),
                null);
    }

    private static Arn arn(String text) {
        Arn.Parsed parsed = Arn.parse(text);
        assertThat(parsed.reason()).isNull();
        return parsed.arn();
    }
}
