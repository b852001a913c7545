package io.alertbridge.processor.topology;

import org.apache.kafka.streams.processor.api.ProcessingContext;

/** Where the record being processed came from, as {@code topic-partition@offset}, for logs. */
final class Coordinates {

    private Coordinates() {}

    static String of(ProcessingContext context) {
        return context.recordMetadata()
                .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
                .orElse("(no input record)");
    }
}
