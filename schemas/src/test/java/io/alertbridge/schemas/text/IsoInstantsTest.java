package io.alertbridge.schemas.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class IsoInstantsTest {

    private static final long LAST_SECOND_OF_9999 =
            Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Test
    void shouldWriteWhatInstantToStringWritesAndReadItBack() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(0, LAST_SECOND_OF_9999 + 1), nanos(random));

            String text = IsoInstants.format(instant);

            assertThat(text).isEqualTo(instant.toString());
            assertThat(IsoInstants.parse(text)).isEqualTo(instant);
        }
    }

    @Test
    void shouldLeaveInstantsBefore1970AndAfter9999ToInstantToString() {
        for (String text :
                new String[] {"1969-12-31T23:59:59.500Z", "0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z"}) {
            Instant instant = Instant.parse(text);
            assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
        }
        assertThat(IsoInstants.format(Instant.MIN)).isEqualTo(Instant.MIN.toString());
        assertThat(IsoInstants.format(Instant.MAX)).isEqualTo(Instant.MAX.toString());
    }

    @Test
    void shouldReadOffsetsWithAndWithoutAColonAsJavaTimeDoes() {
        SplittableRandom random = new SplittableRandom(23);
        DateTimeFormatter colon = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx");
        DateTimeFormatter colonless = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxx");
        for (int i = 0; i < 50_000; i++) {
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 60, 18 * 60 + 1) * 60);
            OffsetDateTime time =
                    Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L)).atOffset(offset);

            assertThat(IsoInstants.parse(time.format(colon))).isEqualTo(time.toInstant());
            assertThat(IsoInstants.parse(time.format(colonless))).isEqualTo(time.toInstant());
        }
        // CloudWatch's own form, and the forms AWS's other services write.
        assertThat(IsoInstants.parse("2019-02-12T15:45:24.006+0000"))
                .isEqualTo(Instant.parse("2019-02-12T15:45:24.006Z"));
        assertThat(IsoInstants.parse("2017-12-22T18:43:48Z")).isEqualTo(Instant.parse("2017-12-22T18:43:48Z"));
        assertThat(IsoInstants.parse("2024-03-04T10:00:00.1Z")).isEqualTo(Instant.parse("2024-03-04T10:00:00.100Z"));
        assertThat(IsoInstants.parse("2024-03-04T10:00:00.123456789-01:30"))
                .isEqualTo(Instant.parse("2024-03-04T11:30:00.123456789Z"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "2024-03-04",
                "2024-03-04 10:00:00Z",
                "2024-02-30T10:00:00Z",
                "2023-02-29T10:00:00Z",
                "2024-13-04T10:00:00Z",
                "2024-00-04T10:00:00Z",
                "2024-03-00T10:00:00Z",
                "2024-03-04T24:00:00Z",
                "2024-03-04T10:60:00Z",
                "2024-03-04T23:59:60Z",
                "2024-03-04T10:00:00z",
                "2024-03-04T10:00:00",
                "2024-03-04T10:00:00.Z",
                "2024-03-04T10:00:00.1234567890Z",
                "2024-03-04T10:00:00+18:01",
                "2024-03-04T10:00:00+1:00",
                "2024-03-04T10:00:00+01:0",
                "2024-03-04T10:00:00+01:60",
                "2024-03-04T10:00:00ZZ",
                "2024-03-04T10:00:00Z ",
                "2O24-03-04T10:00:00Z",
                "2024-03-04T1a:00:00Z",
                "+2024-03-04T10:00:00Z",
                "-2024-03-04T10:00:00Z",
                "2024-03-04T10:00:00.5+0000x"
            })
    void shouldLeaveAnythingElseToJavaTime(String text) {
        assertThat(IsoInstants.parse(text)).isNull();
    }

    @Test
    void shouldAcceptTheLastDayOfFebruaryOfALeapYearAndTheWidestOffsets() {
        assertThat(IsoInstants.parse("2024-02-29T00:00:00Z")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
        assertThat(IsoInstants.parse("2024-03-04T10:00:00+18:00")).isEqualTo(Instant.parse("2024-03-03T16:00:00Z"));
        assertThat(IsoInstants.parse("2024-03-04T10:00:00-1800")).isEqualTo(Instant.parse("2024-03-05T04:00:00Z"));
    }

    private static int nanos(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        };
    }
}
