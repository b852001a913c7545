/**
 * Alertbridge's configuration, one model loaded once per process:
 * {@link io.alertbridge.processor.config.AlertbridgeConfig} holds a slice per part (the processor's
 * {@link io.alertbridge.processor.config.ProcessorConfig} and its slices, the AWS connection, the SQS bridge's, the
 * Slack sink's and interactivity's), built by the one {@link io.alertbridge.processor.config.ConfigLoader} from the
 * YAML file and the environment table {@link io.alertbridge.processor.config.EnvironmentVariable}. It lives here
 * because the processor is the lowest module that sees every slice's record (the connectors' included). Components
 * receive their slice in the constructor; nothing here is global or mutable. A bad value fails at start with a
 * message naming the key and, where one exists, the environment variable.
 */
package io.alertbridge.processor.config;
