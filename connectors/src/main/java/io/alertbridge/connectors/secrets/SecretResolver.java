package io.alertbridge.connectors.secrets;

import io.alertbridge.schemas.config.InvalidConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmClientBuilder;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

import java.net.URI;
import java.util.Objects;

/**
 * Reads a {@link SecretReference}'s value from AWS, one call per {@link #fetch}: Secrets Manager's
 * {@code GetSecretValue} (the current version) or SSM's {@code GetParameter} with decryption. Clients are the AWS
 * SDK's standard ones: credentials from its default chain, the region and endpoint from the AWS connection settings
 * when given, else the SDK's own chain ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL}, profile).
 *
 * <p>Every failure is an {@link InvalidConfigException} naming the configuration key and the reference, never a
 * value nor AWS's message text. Thread-safe (the SDK clients are); {@link #close()} releases them.
 */
public final class SecretResolver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SecretResolver.class);

    private final SecretsManagerClient secretsManager;
    private final SsmClient ssm;

    /** A resolver over these clients, which it closes. */
    public SecretResolver(SecretsManagerClient secretsManager, SsmClient ssm) {
        this.secretsManager = Objects.requireNonNull(secretsManager, "secretsManager");
        this.ssm = Objects.requireNonNull(ssm, "ssm");
    }

    /**
     * A resolver with the SDK's standard clients.
     *
     * @param region the AWS region, or null for the SDK's region chain
     * @param endpoint an endpoint for both services, or null for the SDK's ({@code AWS_ENDPOINT_URL} included)
     */
    public static SecretResolver standard(String region, URI endpoint) {
        SecretsManagerClientBuilder secrets = SecretsManagerClient.builder();
        SsmClientBuilder parameters = SsmClient.builder();
        if (region != null) {
            secrets.region(Region.of(region));
            parameters.region(Region.of(region));
        }
        if (endpoint != null) {
            secrets.endpointOverride(endpoint);
            parameters.endpointOverride(endpoint);
        }
        return new SecretResolver(secrets.build(), parameters.build());
    }

    /**
     * The value {@code reference} names, now.
     *
     * @param configKey the configuration key (or variable) that holds the reference, for the message
     * @throws InvalidConfigException naming {@code configKey} and the reference when it cannot be read
     */
    public String fetch(String configKey, SecretReference reference) {
        String stored;
        try {
            stored = reference.store() == SecretReference.Store.SSM ? parameter(reference) : secretString(reference);
        } catch (ResourceNotFoundException | ParameterNotFoundException e) {
            throw unavailable(configKey, reference, "not found in " + storeName(reference));
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null
                    ? "HTTP " + e.statusCode()
                    : e.awsErrorDetails().errorCode();
            throw unavailable(configKey, reference, storeName(reference) + " refused the read (" + code + ")");
        } catch (SdkException e) {
            LOG.debug("Reading {} failed: {}", reference, e.getClass().getName());
            throw unavailable(
                    configKey,
                    reference,
                    storeName(reference) + " unreachable (" + e.getClass().getSimpleName() + ")");
        }
        SecretValues.Extracted extracted = SecretValues.extract(reference, stored);
        if (!extracted.ok()) {
            throw new InvalidConfigException(configKey + ": " + extracted.reason());
        }
        return extracted.value();
    }

    private String secretString(SecretReference reference) {
        return secretsManager.getSecretValue(r -> r.secretId(reference.name())).secretString();
    }

    private String parameter(SecretReference reference) {
        return ssm.getParameter(r -> r.name(reference.name()).withDecryption(true))
                .parameter()
                .value();
    }

    private static String storeName(SecretReference reference) {
        return reference.store() == SecretReference.Store.SSM ? "SSM Parameter Store" : "Secrets Manager";
    }

    private static InvalidConfigException unavailable(String configKey, SecretReference reference, String problem) {
        return new InvalidConfigException(configKey + ": secret " + reference + " " + problem);
    }

    @Override
    public void close() {
        secretsManager.close();
        ssm.close();
    }
}
