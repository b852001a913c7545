/**
 * Running the topology: {@link io.alertbridge.processor.app.ProcessorApp} builds {@code KafkaStreams} from a
 * {@link io.alertbridge.processor.config.ProcessorConfig} (Streams properties by
 * {@link io.alertbridge.processor.app.StreamsProperties}), starts and closes it, and reports its health for the
 * launcher's {@code /health}. No command-line concerns here.
 */
package io.alertbridge.processor.app;
