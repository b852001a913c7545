package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The work that follows Slack's acknowledgement: writing to Kafka and telling the person how it went through the
 * interaction's {@code response_url}. Slack gives an app 3 seconds to acknowledge, and a Kafka write can take
 * longer (a broker elects a leader, metadata is refreshed), so a request thread only hands the work over here and
 * acknowledges at once.
 *
 * <p>A small pool ({@code after-ack}) with a bounded queue: under a flood, work beyond the queue is refused and
 * logged rather than piling up without limit. Producer callbacks only hand over here too, so Kafka's I/O thread
 * never waits on Slack. Thread-safe.
 */
final class AfterAck implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AfterAck.class);

    private final ThreadPoolExecutor executor;
    private final ResponseUrlSender sender;

    AfterAck(ResponseUrlSender sender, int threads, int queue) {
        this.sender = sender;
        this.executor =
                new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
                    Thread thread = new Thread(r, "after-ack");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Tells the person something later (an explanation of why a click was not taken). */
    void tell(Caller caller, Reply reply) {
        submit(() -> sender.send(caller, reply, false), caller);
    }

    /**
     * Works out an answer that takes longer than Slack's 3 seconds (a call to AWS) and sends it in place of the first
     * one. Should {@code work} throw, the person is told it failed, never shown the exception.
     *
     * @param what what was asked, for the log (already safe to log)
     */
    void answer(Caller caller, Supplier<Reply> work, String what) {
        answer(caller, work, what, true);
    }

    /**
     * As {@link #answer(Caller, Supplier, String)}, sent as a new message when {@code replaceOriginal} is false (the
     * first answer to a slash command was the HTTP response itself, which Slack does not always let a response URL
     * replace).
     */
    void answer(Caller caller, Supplier<Reply> work, String what, boolean replaceOriginal) {
        submit(
                () -> {
                    Reply reply;
                    try {
                        reply = work.get();
                    } catch (RuntimeException e) {
                        LOG.error("Answering {} failed", what, LogText.failure(e));
                        reply = Reply.ephemeral(":warning: Sorry, I failed to answer that ("
                                + e.getClass().getSimpleName() + "); please try again.");
                    }
                    sender.send(caller, reply, replaceOriginal);
                },
                caller);
    }

    /**
     * Writes to Kafka, then tells the person: {@code onSuccess} (when not null) replaces the first answer; a
     * failure always replaces it with an explanation that nothing changed.
     *
     * @param caller who asked
     * @param write the write, started on the after-ack pool
     * @param onSuccess what to say when Kafka took it, or null to say nothing
     * @param what what was being recorded, for the failure sentence (e.g. "acknowledgement of *INC-7F3A*")
     * @param inChannel the visibility of the first answer
     */
    void publish(Caller caller, Supplier<CompletableFuture<?>> write, Reply onSuccess, String what, boolean inChannel) {
        submit(
                () -> write.get()
                        .whenComplete((ignored, error) -> submit(
                                () -> {
                                    if (error == null) {
                                        if (onSuccess != null) {
                                            sender.send(caller, onSuccess, true);
                                        }
                                    } else {
                                        sender.send(
                                                caller,
                                                new Reply(
                                                        ":warning: I could not record your " + what + ": "
                                                                + describe(error)
                                                                + ". Nothing changed; please try again.",
                                                        inChannel),
                                                true);
                                    }
                                },
                                caller)),
                caller);
    }

    private void submit(Runnable work, Caller caller) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.error("Follow-up work for {} failed", LogText.safe(caller.userId()), LogText.failure(e));
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.error(
                    "Follow-up work for {} refused: {} tasks already waiting",
                    LogText.safe(caller.userId()),
                    executor.getQueue().size());
        }
    }

    static String describe(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof TimeoutException || e instanceof org.apache.kafka.common.errors.TimeoutException) {
            return "Kafka did not answer in time";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
