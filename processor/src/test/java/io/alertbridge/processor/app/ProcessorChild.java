package io.alertbridge.processor.app;

import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.rules.RuleBook;

import java.util.concurrent.CountDownLatch;

/**
 * The processor as its own JVM, configured only through the environment contract ({@code ALERTBRIDGE_CONFIG},
 * {@code KAFKA_BOOTSTRAP_SERVERS}, {@code ALERTBRIDGE_TOPIC_PREFIX}, {@code ALERTBRIDGE_STATE_DIR}), so that a test can
 * kill it the way an OOM killer or a pulled plug would ({@code SIGKILL}: no shutdown hook, no commit). State changes
 * go to the log, which the test reads.
 */
public final class ProcessorChild {

    private ProcessorChild() {}

    public static void main(String[] args) throws InterruptedException {
        ProcessorConfig config = ProcessorConfig.load(System.getenv());
        RuleBook rules = config.rules().load();
        ProcessorApp app = ProcessorApp.create(config, () -> rules);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "processor-shutdown"));
        app.start();
        new CountDownLatch(1).await();
    }
}
