package io.alertbridge.processor.cli;

import io.alertbridge.processor.app.ProcessorApp;
import io.alertbridge.processor.app.ProcessorHealth;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.ops.HealthCheck;
import io.alertbridge.processor.ops.OpsServer;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The parts of Alertbridge running in this JVM, behind one {@link OpsServer} ({@code /health} is ready when every
 * started part is) and one Prometheus registry. Parts are closed in reverse order of starting, so the processor
 * stops before the broker it talks to.
 *
 * <p>Started from the launcher's main thread; {@link #close()} is idempotent and may run in a shutdown hook.
 */
final class RunningParts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningParts.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final OpsServer ops;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Deque<AutoCloseable> binders = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    RunningParts(int httpPort) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        binders.push(gc);
        this.ops = OpsServer.start(httpPort, registry);
    }

    OpsServer ops() {
        return ops;
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Starts the Kafka Streams processor with rules from the configured file, then from the rules topic. */
    ProcessorApp startProcessor(ProcessorConfig config) {
        LiveRuleBook rules = config.rules().live();
        ProcessorApp app = ProcessorApp.create(config, rules);
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(app.streams());
        metrics.bindTo(registry);
        binders.push(metrics);
        ops.register("processor", () -> {
            ProcessorHealth health = app.health();
            return new HealthCheck.Status(health.ready(), health.state() + ": " + health.detail());
        });
        app.start();
        started.push(app);
        LOG.info("Processor started (application id {})", config.streams().applicationId());
        return app;
    }

    /** Keeps something to close with the parts (the dev environment's servers, for one). */
    void closeLast(AutoCloseable resource) {
        started.addLast(resource);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        while (!started.isEmpty()) {
            closeQuietly(started.pop());
        }
        while (!binders.isEmpty()) {
            closeQuietly(binders.pop());
        }
        ops.close();
        registry.close();
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("{} did not close cleanly", resource.getClass().getSimpleName(), e);
        }
    }
}
