package io.alertbridge.schemas.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Instants in Alertbridge's JSON: the text JavaTimeModule writes and reads, by hand where it is common. */
class JsonInstantsTest {

    /** Jackson's own mapping of instants, as Alertbridge's JSON wrote them before. */
    private static final ObjectMapper JAVA_TIME = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    record Stamp(Instant at) {}

    @Test
    void shouldWriteAndReadInstantsAsJavaTimeModuleDoes() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) {
            long millis = random.nextLong(-100_000_000_000_000L, 300_000_000_000_000L);
            Instant at = Instant.ofEpochMilli(millis).plusNanos(random.nextBoolean() ? 0 : random.nextInt(1_000_000));
            Stamp stamp = new Stamp(at);

            String json = Json.mapper().writeValueAsString(stamp);

            assertThat(json).isEqualTo(JAVA_TIME.writeValueAsString(stamp));
            assertThat(Json.mapper().readValue(json, Stamp.class)).isEqualTo(stamp);
        }
    }

    @Test
    void shouldStillReadTheFormsOnlyJavaTimeModuleReads() throws Exception {
        for (String json : new String[] {
            "{\"at\":\"2024-03-04T10:00:00z\"}",
            "{\"at\":1709546400}",
            "{\"at\":1709546400.5}",
            "{\"at\":\" 2024-03-04T10:00:00Z \"}",
            "{\"at\":\"+10000-01-01T00:00:00Z\"}"
        }) {
            assertThat(Json.mapper().readValue(json, Stamp.class)).isEqualTo(JAVA_TIME.readValue(json, Stamp.class));
        }
        assertThat(Json.mapper().readValue("{\"at\":\"2019-02-12T15:45:24.006+00:00\"}", Stamp.class))
                .isEqualTo(new Stamp(Instant.parse("2019-02-12T15:45:24.006Z")));
    }
}
