package io.alertbridge.processor.aws;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ArnAndTimesTest {

    @Test
    void shouldTakeRegionAndAccountFromAnArnOnlyWhenTheyAreRealCodes() {
        Arn alarm = Arn.parse("arn:aws:cloudwatch:eu-west-2:123456789012:alarm:High CPU")
                .orElseThrow();
        Arn placeholder = Arn.parse("arn:aws:cloudwatch:REGION:ACCOUNT_NUMBER:alarm:EXAMPLE")
                .orElseThrow();
        Arn gov =
                Arn.parse("arn:aws-us-gov:sns:us-gov-west-1:123456789012:topic").orElseThrow();
        Arn bucket = Arn.parse("arn:aws:s3:::my-bucket/key/with:colon").orElseThrow();

        assertThat(alarm.region()).isEqualTo("eu-west-2");
        assertThat(alarm.account()).isEqualTo("123456789012");
        assertThat(alarm.resourceName()).isEqualTo("High CPU");
        assertThat(placeholder.region()).isNull();
        assertThat(placeholder.account()).isNull();
        assertThat(gov.region()).isEqualTo("us-gov-west-1");
        assertThat(bucket.region()).isNull();
        assertThat(bucket.resource()).isEqualTo("my-bucket/key/with:colon");
        assertThat(Arn.parse("arn:aws:sns:EXAMPLE")).isEmpty();
        assertThat(Arn.parse("EU (London)")).isEmpty();
        assertThat(Arn.isRegionCode("EU (London)")).isFalse();
    }

    @Test
    void shouldReadEveryTimestampFormAwsWrites() {
        assertThat(AwsTimes.parse("2019-02-12T15:45:24.006+0000")).contains(Instant.parse("2019-02-12T15:45:24.006Z"));
        assertThat(AwsTimes.parse("2019-02-12T17:45:24.006+0200")).contains(Instant.parse("2019-02-12T15:45:24.006Z"));
        assertThat(AwsTimes.parse("2017-12-22T18:43:48Z")).contains(Instant.parse("2017-12-22T18:43:48Z"));
        assertThat(AwsTimes.parse("2017-12-22T18:43:48+00:00")).contains(Instant.parse("2017-12-22T18:43:48Z"));
        assertThat(AwsTimes.parse("Sat, 04 Jun 2016 05:01:10 GMT")).contains(Instant.parse("2016-06-04T05:01:10Z"));
        assertThat(AwsTimes.parse("string")).isEmpty();
        assertThat(AwsTimes.parse("Sep 1, 2017 4:12:29 PM")).isEmpty();
    }
}
