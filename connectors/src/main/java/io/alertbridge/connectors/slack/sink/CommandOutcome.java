package io.alertbridge.connectors.slack.sink;

import io.alertbridge.connectors.slack.SlackErrorClassifier.Decision;

/**
 * What became of one notification command.
 *
 * @param result the kind of outcome
 * @param failure why it went to the dead-letter topic, for {@link Result#DEAD_LETTER}; null otherwise
 */
public record CommandOutcome(Result result, Decision failure) {

    /** The kinds of outcome. */
    public enum Result {
        /** Carried out. */
        DONE,
        /** Carried out before (a redelivery after a crash or rebalance): nothing done again. */
        DUPLICATE,
        /** Older than what Slack already shows: nothing to do. */
        STALE,
        /** Not carried out; goes to the dead-letter topic with {@link #failure()}. */
        DEAD_LETTER
    }

    public static final CommandOutcome DONE = new CommandOutcome(Result.DONE, null);
    public static final CommandOutcome DUPLICATE = new CommandOutcome(Result.DUPLICATE, null);
    static final CommandOutcome STALE = new CommandOutcome(Result.STALE, null);

    public static CommandOutcome deadLetter(Decision why) {
        return new CommandOutcome(Result.DEAD_LETTER, why);
    }

    /** The metric tag of this outcome. */
    String tag() {
        return result.name().toLowerCase(java.util.Locale.ROOT);
    }
}
