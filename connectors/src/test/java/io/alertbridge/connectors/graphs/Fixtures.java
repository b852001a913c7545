package io.alertbridge.connectors.graphs;

import io.alertbridge.schemas.model.AlarmMetric;
import io.alertbridge.schemas.serde.JsonSerde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The alarm metrics the processor's normalizer reads from the real samples in {@code ../shared/data/aws-samples}
 * ({@code src/test/resources/graphs/<sample>.metric.json}, named after the sample; the processor's
 * {@code AlarmMetricsTest} checks that reading).
 */
final class Fixtures {

    private Fixtures() {}

    static AlarmMetric metric(String sample) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/graphs/" + sample + ".metric.json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture graphs/" + sample + ".metric.json");
            }
            return JsonSerde.of(AlarmMetric.class).fromBytes(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
