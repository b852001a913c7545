/**
 * The Kafka Streams stages, one class per stage, each with a {@code build(StreamsBuilder, input)} that registers its
 * own named stores, repartition topics and processors and returns its output. The stages only do store I/O around
 * the decisions of {@code io.alertbridge.processor.incident}.
 */
package io.alertbridge.processor.topology;
