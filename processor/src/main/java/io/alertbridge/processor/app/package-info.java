/**
 * Running the topology: {@link io.alertbridge.processor.app.ProcessorApp} builds {@code KafkaStreams} from a
 * {@link io.alertbridge.processor.config.ProcessorConfig} (Streams properties by
 * {@link io.alertbridge.processor.topology.StreamsProperties}), starts and closes it, and reports its health for the
 * launcher's {@code /health}. No command-line concerns here.
 *
 * <p>Restarts: {@link io.alertbridge.processor.app.CrashRecovery} decides whether the state a previous run left may
 * be opened (a run that did not close cleanly under exactly-once is wiped before Kafka Streams sees it), from the
 * marker and member id kept beside the state directory ({@code LocalState}); restorations are logged with their
 * record counts and times ({@code RestoreLog}).
 */
package io.alertbridge.processor.app;
