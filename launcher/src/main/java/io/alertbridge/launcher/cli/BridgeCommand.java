package io.alertbridge.launcher.cli;

import io.alertbridge.connectors.sqs.SqsBridgeConfig;
import io.alertbridge.connectors.sqs.SqsClients;
import io.alertbridge.processor.config.ProcessorConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code alertbridge bridge}: the SQS to Kafka bridge alone. Queues and tuning come from the {@code sqs:} section of
 * the configuration file, overridden by {@code ALERTBRIDGE_SQS_QUEUE_URLS}, {@code AWS_ENDPOINT_URL_SQS} and
 * {@code AWS_REGION}; the AWS SDK's own configuration (credentials chain, and region and endpoint when neither
 * says) reaches SQS.
 */
@Command(
        name = "bridge",
        mixinStandardHelpOptions = true,
        description = {
            "Drain SQS queues (sqs.queueUrls, or ALERTBRIDGE_SQS_QUEUE_URLS comma-separated) into the raw topic:",
            "at least once, a message is deleted only after Kafka acknowledged it. AWS region and endpoint come",
            "from sqs.region and sqs.endpoint (AWS_REGION, AWS_ENDPOINT_URL_SQS override them), else from the",
            "AWS SDK's standard configuration; credentials always from the SDK's chain.",
        })
final class BridgeCommand implements Callable<Integer> {

    @CommandLine.Mixin
    LauncherOptions options = new LauncherOptions();

    @Override
    public Integer call() throws Exception {
        ProcessorConfig config = options.clusterConfig();
        SqsBridgeConfig bridge = options.configuration().bridge();
        try (SqsClient sqs = SqsClients.standard(bridge, Optional.empty());
                RunningParts parts = new RunningParts(options.httpPort())) {
            parts.startBridge(bridge, sqs, config);
            Shutdown.closeOnSignal(parts);
        }
        return 0;
    }
}
