package io.alertbridge.connectors.slack.sink;

import io.alertbridge.connectors.slack.SlackErrorClassifier;
import io.alertbridge.connectors.slack.SlackErrorClassifier.Action;
import io.alertbridge.connectors.slack.SlackErrorClassifier.Decision;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer.Detail;

import java.util.Objects;
import java.util.Optional;

/**
 * The one ladder of fallbacks for writing a message to Slack, when Slack refused the write with an error that a
 * retry as it is cannot fix ({@link SlackErrorClassifier} decided which): what to try next, and why, or that the
 * command goes to the dead-letter topic.
 *
 * <table>
 *   <caption>Rungs by write and failure</caption>
 *   <tr><th>failure</th><th>post</th><th>update</th><th>reply</th></tr>
 *   <tr><td>too big or invalid blocks</td><td>render smaller, down to minimal</td>
 *       <td>render smaller, down to minimal</td><td>dead letter</td></tr>
 *   <tr><td>bot not in the channel</td><td>join once</td><td>join once</td><td>join once</td></tr>
 *   <tr><td>channel missing or archived</td><td>the default channel, once, saying why</td>
 *       <td>(the message is gone:) post a new one</td><td>dead letter</td></tr>
 *   <tr><td>message gone, not editable</td><td>-</td><td>post a new one</td><td>-</td></tr>
 * </table>
 *
 * <p>A reply whose parent is gone is not retried as a top-level message: it would land without context, so it goes
 * to the dead-letter topic with Slack's error. Every rung is taken at most once per command (the smaller rendering
 * once per level), so the ladder always ends. A pure function: the caller carries out the rung and keeps the
 * {@link Attempt}.
 */
public final class FallbackLadder {

    private FallbackLadder() {}

    /** Which write failed. */
    enum Write {
        /** A new main message ({@code chat.postMessage}). */
        POST,
        /** An edit of the main message in place ({@code chat.update}). */
        UPDATE,
        /** A reply in the main message's thread ({@code chat.postMessage} with {@code thread_ts}). */
        REPLY
    }

    /** What to do next. */
    enum Rung {
        /** Render at {@link Step#detail()} and write again. */
        RENDER_SMALLER,
        /** Join the channel and, if that worked, write again; else ask the ladder again. */
        JOIN_CHANNEL,
        /** Post to the configured default channel instead, saying why in the message. */
        DEFAULT_CHANNEL,
        /** The message to edit is gone: post a new one (with its own ladder). */
        POST_NEW_MESSAGE,
        /** No fallback left: the command goes to the dead-letter topic with Slack's error. */
        DEAD_LETTER
    }

    /**
     * What was tried so far for one command.
     *
     * @param detail the detail the last write was rendered at
     * @param joinTried whether joining the channel was tried
     * @param onDefaultChannel whether the post already moved to the default channel
     */
    record Attempt(Detail detail, boolean joinTried, boolean onDefaultChannel) {
        Attempt {
            Objects.requireNonNull(detail, "detail");
        }

        /** The first write of a command: full detail, nothing tried. */
        static Attempt first() {
            return new Attempt(Detail.FULL, false, false);
        }

        /** After taking {@code step}. */
        Attempt after(Step step) {
            return switch (step.rung()) {
                case RENDER_SMALLER -> new Attempt(step.detail(), joinTried, onDefaultChannel);
                case JOIN_CHANNEL -> new Attempt(detail, true, onDefaultChannel);
                case DEFAULT_CHANNEL -> new Attempt(detail, joinTried, true);
                case POST_NEW_MESSAGE, DEAD_LETTER -> this;
            };
        }
    }

    /**
     * The next rung, with why.
     *
     * @param rung what to do
     * @param detail the detail to render at next (the attempt's, unless the rung is {@link Rung#RENDER_SMALLER})
     * @param reason a sentence for the log
     */
    record Step(Rung rung, Detail detail, String reason) {}

    /**
     * Decides the next rung after Slack refused a write.
     *
     * @param write the write that failed
     * @param failure Slack's refusal, as classified (never a retry nor a halt: those never reach the ladder)
     * @param attempt what was tried so far for this command
     * @param targetIsDefault whether the post already went to the default channel (nowhere else to go)
     */
    static Step next(Write write, Decision failure, Attempt attempt, boolean targetIsDefault) {
        Action action = failure.action();
        Optional<Detail> smaller = attempt.detail().smaller();
        if (action == Action.RENDER_SMALLER && write != Write.REPLY && smaller.isPresent()) {
            return new Step(Rung.RENDER_SMALLER, smaller.get(), "rendering at " + smaller.get() + " detail");
        }
        if (action == Action.JOIN_CHANNEL && !attempt.joinTried()) {
            return new Step(Rung.JOIN_CHANNEL, attempt.detail(), "joining the channel");
        }
        if (action == Action.USE_DEFAULT_CHANNEL
                && write == Write.POST
                && !attempt.onDefaultChannel()
                && !targetIsDefault) {
            return new Step(Rung.DEFAULT_CHANNEL, attempt.detail(), "posting to the default channel");
        }
        if (action == Action.POST_NEW_MESSAGE && write == Write.UPDATE) {
            return new Step(Rung.POST_NEW_MESSAGE, attempt.detail(), "posting a new message");
        }
        return new Step(Rung.DEAD_LETTER, attempt.detail(), "no fallback left for " + failure.error());
    }
}
