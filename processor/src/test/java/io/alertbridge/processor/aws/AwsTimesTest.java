package io.alertbridge.processor.aws;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AwsTimesTest {

    @Test
    void shouldReadEveryTimestampFormAwsWrites() {
        assertThat(AwsTimes.parse("2019-02-12T15:45:24.006+0000")).contains(Instant.parse("2019-02-12T15:45:24.006Z"));
        assertThat(AwsTimes.parse("2019-02-12T17:45:24.006+0200")).contains(Instant.parse("2019-02-12T15:45:24.006Z"));
        assertThat(AwsTimes.parse("2017-12-22T18:43:48Z")).contains(Instant.parse("2017-12-22T18:43:48Z"));
        assertThat(AwsTimes.parse("2017-12-22T18:43:48+00:00")).contains(Instant.parse("2017-12-22T18:43:48Z"));
        assertThat(AwsTimes.parse("Sat, 04 Jun 2016 05:01:10 GMT")).contains(Instant.parse("2016-06-04T05:01:10Z"));
        assertThat(AwsTimes.parse("Sat, 04 Jun 2016 07:01:10 +0200")).contains(Instant.parse("2016-06-04T05:01:10Z"));
        assertThat(AwsTimes.parse("2019-02-12T15:45:24.006+0000 ")).contains(Instant.parse("2019-02-12T15:45:24.006Z"));
        assertThat(AwsTimes.parse("2019-02-12T15:45:99.006+0000")).isEmpty();
        assertThat(AwsTimes.parse("string")).isEmpty();
        assertThat(AwsTimes.parse("Sep 1, 2017 4:12:29 PM")).isEmpty();
    }
}
