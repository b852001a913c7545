/**
 * Kafka plumbing shared by the connectors' local views of a topic.
 *
 * <p>{@link io.alertbridge.connectors.kafka.TopicFollower} reads a topic from its beginning into an in-memory index,
 * says when it is current and keeps following it; the views ({@code IncidentView} for {@code /alerts},
 * {@code HistoryView} for reports) only say what a record does to their index. This package knows no view.
 */
package io.alertbridge.connectors.kafka;
