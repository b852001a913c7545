/**
 * One JSON mapping for every Alertbridge type: {@link io.alertbridge.schemas.serde.Json} configures the shared
 * {@code ObjectMapper}; {@link io.alertbridge.schemas.serde.JsonSerde} wraps it as a Kafka serde;
 * {@link io.alertbridge.schemas.serde.ContractSchemas} validates JSON against the shipped JSON Schemas.
 */
package io.alertbridge.schemas.serde;
