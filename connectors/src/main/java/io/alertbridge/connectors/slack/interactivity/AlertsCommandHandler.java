package io.alertbridge.connectors.slack.interactivity;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Act;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Alarm;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Help;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Invalid;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.ListIncidents;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Membership;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Parsed;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Show;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Silence;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Why;
import io.alertbridge.connectors.slack.interactivity.InteractivityMetrics.Outcome;
import io.alertbridge.connectors.slack.rendering.MrkdwnEscaper;
import io.alertbridge.schemas.model.Holds;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.SilenceRule;
import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Bolt's handler of {@code /alerts}: questions ({@code list}, {@code show}, {@code help}) are answered in the
 * acknowledgement itself, from the local {@link IncidentIndex} (never a scan of the topic), well within Slack's
 * 3 seconds; {@code alarm NAME} asks CloudWatch, so it answers "looking up" at once and the definition follows
 * through the {@code response_url} ({@link AlarmCommand}); actions ({@code ack}, {@code unack}, {@code resolve}, {@code snooze}) go through
 * {@link IncidentActions}, and {@code silence} writes a validated {@link SilenceRule} to {@code alertbridge.rules};
 * both answer "on it" at once and confirm (or explain a failure) through the {@code response_url} once Kafka took
 * the write.
 *
 * <p>Answers are ephemeral unless the command says {@code --public}. It never throws: a malformed command, an
 * unknown incident or a refusal is a clear ephemeral answer. Thread-safe.
 */
final class AlertsCommandHandler implements SlashCommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AlertsCommandHandler.class);
    private static final String KIND = "command";

    private final InteractivityConfig config;
    private final IncidentIndex index;
    private final IncidentActions actions;
    private final Silences silences;
    private final Authorizer authorizer;
    private final ActionPublisher publisher;
    private final AfterAck afterAck;
    private final AlarmCommand alarms;
    private final ReportCommand reports;
    private final Clock clock;
    private final InteractivityMetrics metrics;
    private final Function<String, Optional<RouteRule>> routes;

    /**
     * What the commands act through.
     *
     * @param actions acknowledge, resolve, snooze
     * @param authorizer who may resolve and silence
     * @param publisher where silences are written
     * @param afterAck the work after the acknowledgement
     * @param alarms {@code alarm NAME}
     * @param reports {@code report ...}, or null when this process keeps no incident history
     */
    record Collaborators(
            IncidentActions actions,
            Authorizer authorizer,
            ActionPublisher publisher,
            AfterAck afterAck,
            AlarmCommand alarms,
            ReportCommand reports) {

        /** Without reports. */
        Collaborators(
                IncidentActions actions,
                Authorizer authorizer,
                ActionPublisher publisher,
                AfterAck afterAck,
                AlarmCommand alarms) {
            this(actions, authorizer, publisher, afterAck, alarms, null);
        }
    }

    AlertsCommandHandler(
            InteractivityConfig config,
            IncidentIndex index,
            Collaborators with,
            Clock clock,
            InteractivityMetrics metrics) {
        this(config, index, with, clock, metrics, routeId -> Optional.empty());
    }

    /**
     * A handler that knows the live routes, so {@code why} can name a route's matchers and group wait.
     *
     * @param routes the live routes by id (empty when unknown)
     */
    AlertsCommandHandler(
            InteractivityConfig config,
            IncidentIndex index,
            Collaborators with,
            Clock clock,
            InteractivityMetrics metrics,
            Function<String, Optional<RouteRule>> routes) {
        this.routes = routes == null ? routeId -> Optional.empty() : routes;
        this.config = config;
        this.index = index;
        this.actions = with.actions();
        this.silences = new Silences(config.maxSilence(), () -> index.sample(clock.instant(), Silences.SAMPLE_SPAN));
        this.authorizer = with.authorizer();
        this.publisher = with.publisher();
        this.afterAck = with.afterAck();
        this.alarms = with.alarms();
        this.reports = with.reports();
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public com.slack.api.bolt.response.Response apply(
            com.slack.api.bolt.request.builtin.SlashCommandRequest request, SlashCommandContext ctx) {
        long started = System.nanoTime();
        SlashCommandPayload payload = request.getPayload();
        Caller caller = new Caller(
                payload.getUserId(),
                payload.getUserName(),
                payload.getTeamId(),
                payload.getChannelId(),
                payload.getChannelName(),
                payload.getResponseUrl(),
                payload.getTriggerId(),
                RequestIds.requestKey(payload.getTriggerId(), request.getRequestBodyAsString()));
        Answer answer;
        try {
            answer = answer(payload.getText(), caller);
        } catch (RuntimeException e) {
            LOG.error("{} by {} failed", config.command(), LogText.safe(caller.userId()), LogText.failure(e));
            answer = new Answer(
                    Reply.ephemeral(":warning: Sorry, I failed to handle that ("
                            + e.getClass().getSimpleName() + "). Nothing changed; please try again."),
                    Outcome.FAILED);
        }
        metrics.count(KIND, answer.outcome());
        Reply reply = answer.reply();
        com.slack.api.bolt.response.Response ack =
                ctx.ack(r -> r.responseType(reply.responseType()).text(reply.text()));
        metrics.answered(KIND, System.nanoTime() - started);
        return ack;
    }

    /** What to answer, and how it went. */
    record Answer(Reply reply, Outcome outcome) {}

    /** Answers one command line for one caller. */
    Answer answer(String text, Caller caller) {
        Parsed parsed = AlertsCommandParser.parse(text);
        boolean shared = parsed.inChannel();
        AlertsRequest request = parsed.request();
        Instant now = clock.instant();
        if (request instanceof Help) {
            return new Answer(new Reply(AlertsFormatter.help(config.command()), shared), Outcome.ANSWERED);
        }
        if (request instanceof Invalid invalid) {
            return new Answer(
                    Reply.ephemeral(":grey_question: " + invalid.problem() + " `" + config.command()
                            + " help` lists everything I can do."),
                    Outcome.INVALID);
        }
        if (request instanceof ListIncidents list) {
            ListFilter filter = list.filter().resolveHere(caller.channelId(), caller.channelName());
            if (list.held()) {
                IncidentIndex.Page held = index.open(i -> filter.test(i) && Holds.isHeldAt(i, now), config.listLimit());
                Instant dayAgo = now.minus(Duration.ofDays(1));
                List<Incident> cleared = index.openOrResolvedSince(
                        dayAgo, i -> filter.test(i) && Holds.clearedWhileHeld(i) && i.resolvedAt() != null);
                return new Answer(
                        new Reply(AlertsFormatter.held(held, cleared, filter, now), shared), Outcome.ANSWERED);
            }
            IncidentIndex.Page page = index.open(filter::test, config.listLimit());
            return new Answer(new Reply(AlertsFormatter.list(page, filter, now), shared), Outcome.ANSWERED);
        }
        if (request instanceof Show show) {
            Optional<Incident> incident = index.byId(show.incidentId());
            return incident.map(i -> new Answer(new Reply(AlertsFormatter.show(i, now), shared), Outcome.ANSWERED))
                    .orElseGet(() -> new Answer(
                            Reply.ephemeral("I can't find an incident *"
                                    + MrkdwnEscaper.escape(show.incidentId()) + "*. `" + config.command()
                                    + " list` shows the open ones."),
                            Outcome.INVALID));
        }
        if (request instanceof AlertsRequest.Report report) {
            if (reports == null) {
                return new Answer(
                        Reply.ephemeral(":grey_question: Reports are not enabled in this Alertbridge."),
                        Outcome.INVALID);
            }
            return new Answer(reports.acknowledge(report, caller, shared), Outcome.ANSWERED);
        }
        if (request instanceof Why why) {
            Optional<Incident> incident = index.byId(why.incidentId());
            return incident.map(i -> new Answer(
                            new Reply(AlertsFormatter.why(i, routes.apply(i.routeId()), now), shared),
                            Outcome.ANSWERED))
                    .orElseGet(() -> new Answer(
                            Reply.ephemeral("I can't find an incident *"
                                    + MrkdwnEscaper.escape(why.incidentId()) + "* to explain. `" + config.command()
                                    + " list` shows the open ones."),
                            Outcome.INVALID));
        }
        if (request instanceof Alarm alarm) {
            return new Answer(alarms.acknowledge(alarm.name(), caller, shared), Outcome.ANSWERED);
        }
        if (request instanceof Act act) {
            IncidentActions.Result result = actions.act(
                    caller,
                    new IncidentActions.Request(
                            act.type(),
                            act.incidentId(),
                            null,
                            act.snooze(),
                            act.reason(),
                            IncidentActions.ORIGIN_COMMAND),
                    shared,
                    true);
            return new Answer(result.reply(), result.outcome());
        }
        if (request instanceof Membership membership) {
            return membership(membership, caller, shared);
        }
        return silence((Silence) request, caller, shared, now);
    }

    /** {@code invite} / {@code remove}: the incident named, or the one whose channel the command was typed in. */
    private Answer membership(Membership request, Caller caller, boolean shared) {
        String incidentId = request.incidentId();
        if (incidentId == null) {
            Optional<Incident> here = index.byIncidentChannel(caller.channelName());
            if (here.isEmpty()) {
                return new Answer(
                        Reply.ephemeral(":grey_question: This is not an incident's channel, so say which incident, "
                                + "e.g. `" + config.command() + " " + verbOf(request) + " "
                                + AlertsFormatter.user(request.userId()) + " INC-7F3A`."),
                        Outcome.INVALID);
            }
            incidentId = here.get().incidentId();
        }
        IncidentActions.Result result = actions.act(
                caller,
                new IncidentActions.Request(
                        request.type(),
                        incidentId,
                        null,
                        null,
                        request.reason(),
                        IncidentActions.ORIGIN_COMMAND,
                        request.userId()),
                shared,
                true);
        return new Answer(result.reply(), result.outcome());
    }

    private static String verbOf(Membership request) {
        return request.type() == io.alertbridge.schemas.model.UserAction.ActionType.INVITE ? "invite" : "remove";
    }

    private Answer silence(Silence request, Caller caller, boolean shared, Instant now) {
        if (!caller.known()) {
            return new Answer(
                    Reply.ephemeral(
                            "I could not tell who you are from Slack's request, so I did not " + "create a silence."),
                    Outcome.INVALID);
        }
        Authorizer.Decision decision = authorizer.mayResolveOrSilence(caller.userId());
        if (!decision.allowed()) {
            return new Answer(Reply.ephemeral(decision.refusal()), Outcome.REFUSED);
        }
        SilenceRule rule;
        try {
            rule = silences.build(request.matchers(), request.duration(), request.reason(), caller, now);
        } catch (IllegalArgumentException e) {
            return new Answer(
                    Reply.ephemeral(":grey_question: I did not create that silence: "
                            + MrkdwnEscaper.escape(e.getMessage()) + "."),
                    Outcome.INVALID);
        }
        String what = "`"
                + MrkdwnEscaper.escape(
                        rule.matchers().stream().map(Object::toString).collect(Collectors.joining(", "))) + "`";
        Reply done = new Reply(
                ":mute: Silenced " + what + " until " + AlertsFormatter.date(rule.endsAt()) + " (rule `" + rule.id()
                        + "`). Matching alerts are recorded on their incidents but not notified.",
                shared);
        afterAck.publish(caller, () -> publisher.publish(rule), done, "silence of " + what, shared);
        LOG.info(
                "Silence {} requested by {} for {} until {}",
                LogText.safe(rule.id()),
                LogText.safe(caller.userId()),
                LogText.safe(rule.matchers()),
                rule.endsAt());
        return new Answer(
                new Reply(
                        ":hourglass_flowing_sand: Silencing " + what + " for " + SnoozeTimes.human(request.duration())
                                + "…",
                        shared),
                Outcome.ACCEPTED);
    }
}
