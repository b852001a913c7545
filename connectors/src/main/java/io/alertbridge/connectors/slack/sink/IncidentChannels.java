package io.alertbridge.connectors.slack.sink;

import io.alertbridge.connectors.slack.sink.CommandExecutor.Position;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.NotificationCommand;

/**
 * What the sink asks of incident channels (a private channel per incident when the route wants one): the channel
 * commands, the archive due after an incident resolved, and the periodic sweep that archives what is due. The
 * sink's posting does not depend on how channels are kept; the assembler hands it the implementation.
 *
 * <p>Used by the sink's loop thread only.
 */
public interface IncidentChannels {

    /** Carries out a {@code CHANNEL_*} command read at {@code at}. */
    CommandOutcome handle(Position at, NotificationCommand command);

    /** The ref with its incident channel's archive scheduled (resolved) or cancelled (reopened). */
    SlackRef scheduleArchive(SlackRef ref, Incident incident);

    /** Archives the channels that are due, and forgets refs past their retention. */
    void sweep();
}
