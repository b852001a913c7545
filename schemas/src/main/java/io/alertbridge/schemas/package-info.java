/**
 * Alertbridge's public contracts: the records that travel on Kafka topics ({@code model}), the one JSON serde
 * every topic uses ({@code serde}), and the topic catalog that binds names to serdes ({@code topics}).
 *
 * <p>This module knows nothing of the connectors or the processor. A JSON Schema (draft 2020-12) for every public
 * contract ships in this jar under {@code io/alertbridge/schemas/json/}, so producers in any language can write
 * valid records from the schema alone.
 */
package io.alertbridge.schemas;
