package io.alertbridge.connectors.slack.rendering;

import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer.Detail;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer.View;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.Link;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.RouteRule;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * How a command's messages look: the renderer with the route's template and mentions, and a last touch on every
 * main message (an incident's or a digest's, posted or edited): none for the sink, the replay mark for a replay
 * ({@code ReplayMarker}), so the renderer stays as production uses it.
 *
 * <p>Used by one thread (the sink's loop, or the replay poster's).
 */
public final class MessageComposer {

    private final IncidentMessageRenderer renderer;
    private final SlackSinkConfig config;
    private final Function<String, Optional<RouteRule>> routes;
    private final UnaryOperator<RenderedMessage> mainMessages;

    /**
     * @param renderer renders incidents, digests and replies
     * @param config the templates by route
     * @param routes the live routes by id, for the mentions of a first post and the link buttons
     * @param mainMessages applied to every main message after rendering
     */
    public MessageComposer(
            IncidentMessageRenderer renderer,
            SlackSinkConfig config,
            Function<String, Optional<RouteRule>> routes,
            UnaryOperator<RenderedMessage> mainMessages) {
        this.renderer = renderer;
        this.config = config;
        this.routes = routes;
        this.mainMessages = mainMessages;
    }

    /** The incident's main message at each detail, as the route's template says, without a graph. */
    public Function<Detail, RenderedMessage> incident(
            Incident incident, List<String> mentions, String incidentChannelId) {
        return incident(incident, mentions, incidentChannelId, GraphView.NONE);
    }

    /** The incident's main message at each detail, as the route's template says, with {@code graph}. */
    public Function<Detail, RenderedMessage> incident(
            Incident incident, List<String> mentions, String incidentChannelId, GraphView graph) {
        List<Link> links =
                incident.routeId() == null ? List.of() : LinkButtons.render(routes.apply(incident.routeId()), incident);
        View view = new View(
                config.templateFor(incident.routeId()), Detail.FULL, mentions, incidentChannelId, graph, links);
        return detail -> mainMessages.apply(renderer.render(incident, view.withDetail(detail)));
    }

    /** A storm's digest message (the same at every detail). */
    public Function<Detail, RenderedMessage> digest(NotificationCommand.Digest digest) {
        return detail -> mainMessages.apply(renderer.digest(digest));
    }

    /** A reply in the incident's thread, with the command's reason under it. */
    public RenderedMessage reply(NotificationCommand command, boolean resolved) {
        String mention = command.type() == NotificationCommand.Type.ESCALATION ? command.mention() : null;
        return IncidentMessageRenderer.withReason(
                renderer.reply(
                        command.incidentId(),
                        command.commandId(),
                        command.text(),
                        mention,
                        resolved,
                        command.createdAt()),
                command.reason());
    }

    /**
     * The main message of a command's incident or digest with the command's reason as its last line (see
     * {@link IncidentMessageRenderer#withReason}); {@code render} unchanged when the command has none.
     */
    public static Function<Detail, RenderedMessage> because(
            NotificationCommand command, Function<Detail, RenderedMessage> render) {
        return because(command.reason(), render);
    }

    /** The main message with {@code reason} as its last line; {@code render} unchanged when it is null or blank. */
    public static Function<Detail, RenderedMessage> because(String reason, Function<Detail, RenderedMessage> render) {
        if (reason == null || reason.isBlank()) {
            return render;
        }
        return detail -> IncidentMessageRenderer.withReason(render.apply(detail), reason);
    }

    /**
     * The mentions of a first post: the processor's (the command's {@code mention}, the route's mentions joined by
     * spaces), else the route's from the live rules; none for an incident already resolved.
     */
    public List<String> firstPostMentions(Incident incident, NotificationCommand command) {
        if (incident.state() == IncidentState.RESOLVED) {
            return List.of();
        }
        if (command.type() == NotificationCommand.Type.POST
                && command.mention() != null
                && !command.mention().isBlank()) {
            return List.of(command.mention());
        }
        if (incident.routeId() == null) {
            return List.of();
        }
        return routes.apply(incident.routeId()).map(RouteRule::mentions).orElse(List.of());
    }
}
