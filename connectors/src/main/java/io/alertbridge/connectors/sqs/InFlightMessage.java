package io.alertbridge.connectors.sqs;

import software.amazon.awssdk.services.sqs.model.Message;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One received SQS message from its receive until it is deleted or given back: the message, the moment its
 * visibility runs out (as far as the bridge knows), and where it is in its life.
 *
 * <p>Thread-safe: the receiver creates it, the producer's callback thread, the acknowledger and the visibility
 * extender move it on. State changes are compare-and-set, so each message is finished exactly once.
 */
final class InFlightMessage {

    /** Where a message is. Terminal states: {@link #DONE}. */
    enum State {
        /** Handed to the producer; no answer yet. */
        PRODUCING,
        /** The producer could not write it (retriable): left for SQS to deliver again. */
        PRODUCE_FAILED,
        /** Kafka acknowledged it (on the raw topic or the dead-letter topic): to be deleted. */
        ACKNOWLEDGED,
        /** Deleted, released, or abandoned to its visibility timeout: the bridge holds it no longer. */
        DONE
    }

    private final String queueUrl;
    private final Message message;
    private final AtomicReference<State> state = new AtomicReference<>(State.PRODUCING);
    private volatile long visibleAtNanos;

    /**
     * @param visibleAtNanos {@link System#nanoTime()} at which SQS makes the message visible again; callers take the
     *     time before the receive request, which errs on the early side
     */
    InFlightMessage(String queueUrl, Message message, long visibleAtNanos) {
        this.queueUrl = queueUrl;
        this.message = message;
        this.visibleAtNanos = visibleAtNanos;
    }

    Message message() {
        return message;
    }

    String messageId() {
        return message.messageId();
    }

    String receiptHandle() {
        return message.receiptHandle();
    }

    State state() {
        return state.get();
    }

    /** Moves from {@code from} to {@code to}; false when the message was elsewhere (another thread moved it). */
    boolean transition(State from, State to) {
        return state.compareAndSet(from, to);
    }

    /** Moves to {@link State#DONE} from any state; true only for the caller that did it. */
    boolean finish() {
        return state.getAndSet(State.DONE) != State.DONE;
    }

    long visibleAtNanos() {
        return visibleAtNanos;
    }

    void visibleAtNanos(long nanos) {
        this.visibleAtNanos = nanos;
    }

    @Override
    public String toString() {
        return "InFlightMessage[" + queueUrl + " " + messageId() + " " + state.get() + "]";
    }
}
