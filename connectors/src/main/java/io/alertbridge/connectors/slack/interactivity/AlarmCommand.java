package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.connectors.aws.AlarmLookup;
import io.alertbridge.connectors.slack.rendering.MrkdwnEscaper;
import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code /alerts alarm NAME}: a CloudWatch alarm as {@code DescribeAlarms} defines it, with whether its actions
 * reach Alertbridge and the incidents it was part of. Asking AWS can take longer than Slack's 3 seconds, so the
 * command is acknowledged at once ("Looking up…", {@link #acknowledge}) and the answer replaces it through the
 * {@code response_url} from the after-ack pool ({@link #answer}, blocking). Read-only: nothing is written anywhere.
 *
 * <p>Without AWS configured for interactivity (no {@link Source}), the acknowledgement itself says so. Any failure
 * of AWS becomes one plain sentence ({@link AlarmLookup.Unavailable}); nothing reaches the person as a stack trace.
 * Thread-safe.
 */
final class AlarmCommand {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmCommand.class);

    /** How far back resolved incidents count as the alarm's recent history. */
    static final Duration RECENT = Duration.ofDays(7);

    /** How many incidents the answer shows at most. */
    static final int MAX_INCIDENTS = 5;

    /** Where alarms are read from ({@link AlarmLookup#find}); blocking. */
    @FunctionalInterface
    interface Source {
        AlarmLookup.Result find(String name);
    }

    private final Source source;
    private final IncidentIndex index;
    private final AfterAck afterAck;
    private final Clock clock;
    private final String command;

    /**
     * @param source where alarms are read from, or null when AWS is not configured for interactivity
     * @param command the slash command's name, for the answers ({@code /alerts})
     */
    AlarmCommand(Source source, IncidentIndex index, AfterAck afterAck, Clock clock, String command) {
        this.source = source;
        this.index = index;
        this.afterAck = afterAck;
        this.clock = clock;
        this.command = command;
    }

    /**
     * What to acknowledge the command with; the full answer follows through the response URL.
     *
     * @param shared true when the person asked for a public answer
     */
    Reply acknowledge(String name, Caller caller, boolean shared) {
        if (source == null) {
            return Reply.ephemeral(AlarmFormatter.unavailable(
                    name, "AWS is not configured for this Alertbridge (set aws.region or AWS_REGION)"));
        }
        afterAck.answer(caller, () -> new Reply(answer(name), shared), "alarm " + LogText.safe(name));
        return new Reply(
                ":hourglass_flowing_sand: Looking up the CloudWatch alarm *" + MrkdwnEscaper.escape(name) + "*…",
                shared);
    }

    /** The answer for {@code name}: the alarm, what is there instead, or why AWS could not be asked. Blocking. */
    String answer(String name) {
        AlarmLookup.Result result;
        try {
            result = source.find(name);
        } catch (AlarmLookup.Unavailable e) {
            LOG.warn("Cannot read alarm {}: {}", LogText.safe(name), e.getMessage());
            return AlarmFormatter.unavailable(name, e.getMessage());
        }
        if (result instanceof AlarmLookup.NotFound notFound) {
            return AlarmFormatter.notFound(name, notFound, command);
        }
        AlarmLookup.Found found = (AlarmLookup.Found) result;
        List<AlarmIncidents.Match> incidents = AlarmIncidents.of(
                AlarmIncidents.candidates(index, clock.instant().minus(RECENT)),
                found.alarm().arn(),
                found.alarm().name(),
                MAX_INCIDENTS);
        return AlarmFormatter.found(found.alarm(), found.connected(), incidents);
    }
}
