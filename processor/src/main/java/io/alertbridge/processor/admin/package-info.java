/** Kafka administration the launcher does: creating Alertbridge's topics with the right partitions and cleanup. */
package io.alertbridge.processor.admin;
