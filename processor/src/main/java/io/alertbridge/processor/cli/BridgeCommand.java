package io.alertbridge.processor.cli;

import io.alertbridge.connectors.sqs.SqsBridgeConfig;
import io.alertbridge.connectors.sqs.SqsClients;
import io.alertbridge.processor.config.ProcessorConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code alertbridge bridge}: the SQS to Kafka bridge alone. Queues come from {@code ALERTBRIDGE_SQS_QUEUE_URLS};
 * the AWS SDK's own configuration (region, credentials chain, {@code AWS_ENDPOINT_URL_SQS}) reaches SQS.
 */
@Command(
        name = "bridge",
        mixinStandardHelpOptions = true,
        description = {
            "Drain SQS queues (ALERTBRIDGE_SQS_QUEUE_URLS, comma-separated) into the raw topic: at least once,",
            "a message is deleted only after Kafka acknowledged it. AWS region, credentials and endpoint come",
            "from the AWS SDK's standard configuration (AWS_REGION, AWS_ENDPOINT_URL_SQS, ...).",
        })
final class BridgeCommand implements Callable<Integer> {

    @CommandLine.Mixin
    LauncherOptions options = new LauncherOptions();

    @Override
    public Integer call() throws Exception {
        ProcessorConfig config = options.clusterConfig();
        SqsBridgeConfig bridge =
                SqsBridgeConfig.fromEnvironment(options.environment()).withTopics(config.topicCatalog());
        try (SqsClient sqs = SqsClients.standard(bridge, Optional.empty());
                RunningParts parts = new RunningParts(options.httpPort())) {
            parts.startBridge(bridge, sqs, config);
            Shutdown.closeOnSignal(parts);
        }
        return 0;
    }
}
