package io.alertbridge.connectors.receivers;

import io.alertbridge.schemas.model.Incident;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One destination's side of a receiver: what an incident change becomes there, and how one message is sent. The
 * receiver's loop does the rest (routing, order, coalescing, retries, dead letters, commits).
 *
 * <p>{@link #plan} is called on the receiver's loop thread; {@link #send} may complete on any thread.
 *
 * @param <M> one message to the destination
 */
public interface Destination<M> {

    /** Which receiver this is. */
    ReceiverId id();

    /**
     * The messages this version of the incident needs at the destination, in order; empty when it needs none.
     *
     * @param incident the incident's newest state
     * @param previous what this receiver last delivered for it, or null when nothing is known (first change seen,
     *     or after a restart)
     */
    List<M> plan(Incident incident, Delivered previous);

    /**
     * Sends one message. The future completes with the destination's answer; a failure without an answer completes
     * it with {@link DeliveryAnswer#failed}, never exceptionally.
     */
    CompletableFuture<DeliveryAnswer> send(M message);

    /** A short description of the message for logs and dead-letter records ({@code trigger INC-7F3A v3}). */
    String describe(M message);
}
