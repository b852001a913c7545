/**
 * Secrets kept in AWS instead of the configuration: {@link io.alertbridge.connectors.secrets.SecretReference} (the
 * {@code secretsmanager:} / {@code ssm:} syntax, a pure parser), {@link io.alertbridge.connectors.secrets.SecretResolver}
 * (one fetch through the AWS SDK), {@link io.alertbridge.connectors.secrets.SecretValues} (a JSON key of a secret, a
 * pure function) and {@link io.alertbridge.connectors.secrets.RotatingSecret} (the value a part reads, fetched at
 * start and again when the service that checks it refuses it). Values never reach a log line, an exception message or
 * a {@code toString()}.
 */
package io.alertbridge.connectors.secrets;
