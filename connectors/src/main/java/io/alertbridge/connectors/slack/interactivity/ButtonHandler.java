package io.alertbridge.connectors.slack.interactivity;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import io.alertbridge.connectors.slack.interactivity.InteractivityMetrics.Outcome;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer;
import io.alertbridge.connectors.slack.rendering.MrkdwnEscaper;
import io.alertbridge.schemas.model.UserAction.ActionType;
import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Bolt's handler of every {@code block_actions} request: the buttons (and menu options) of an incident's message,
 * with the action ids and values of {@link IncidentMessageRenderer}. Acknowledge, Unacknowledge, Resolve and
 * Snooze (1 h, 4 h, until tomorrow morning) become {@code UserAction}s through {@link IncidentActions}.
 *
 * <p>It always acknowledges at once with an empty 200 (Slack's 3 seconds), and never throws: an unknown action id,
 * a broken value, an unknown user or a refusal is explained to the person with an ephemeral follow-up through the
 * {@code response_url}. On success it says nothing: the incident's message itself changes (processor, then sink).
 *
 * <p>Registered for every action id, because Bolt's routing table is unordered and a catch-all beside specific
 * patterns would be ambiguous; dispatch happens here. Thread-safe.
 */
final class ButtonHandler implements BlockActionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ButtonHandler.class);
    private static final String KIND = "button";
    private static final String DEFAULT_SNOOZE = Duration.ofHours(1).toString();

    private final IncidentActions actions;
    private final AfterAck afterAck;
    private final InteractivityMetrics metrics;

    ButtonHandler(IncidentActions actions, AfterAck afterAck, InteractivityMetrics metrics) {
        this.actions = actions;
        this.afterAck = afterAck;
        this.metrics = metrics;
    }

    @Override
    public Response apply(BlockActionRequest request, ActionContext ctx) {
        long started = System.nanoTime();
        BlockActionPayload payload = request.getPayload();
        Caller caller = caller(payload, request.getRequestBodyAsString());
        Outcome outcome;
        try {
            outcome = handle(payload, caller);
        } catch (RuntimeException e) {
            LOG.error("Button click by {} failed", LogText.safe(caller.userId()), LogText.failure(e));
            afterAck.tell(
                    caller,
                    Reply.ephemeral(":warning: Sorry, I failed to take that click ("
                            + e.getClass().getSimpleName() + "). Nothing changed; please try again."));
            outcome = Outcome.FAILED;
        }
        metrics.count(KIND, outcome);
        Response ack = ctx.ack();
        metrics.answered(KIND, System.nanoTime() - started);
        return ack;
    }

    private Outcome handle(BlockActionPayload payload, Caller caller) {
        List<BlockActionPayload.Action> clicked = payload.getActions();
        if (clicked == null || clicked.isEmpty()) {
            return explain(caller, Outcome.INVALID, ":warning: That click carried no action, so nothing changed.");
        }
        BlockActionPayload.Action action = clicked.get(0);
        if (action.getActionId() != null
                && action.getActionId().startsWith(IncidentMessageRenderer.ACTION_LINK_PREFIX)) {
            // A link button: Slack opened its URL; the click itself asks nothing of us.
            return Outcome.ANSWERED;
        }
        ActionType type = type(action.getActionId());
        if (type == null) {
            LOG.info(
                    "Unknown button {} clicked by {}",
                    LogText.safe(action.getActionId()),
                    LogText.safe(caller.userId()));
            return explain(
                    caller,
                    Outcome.INVALID,
                    ":warning: I don't know the button `"
                            + MrkdwnEscaper.escape(String.valueOf(action.getActionId()))
                            + "`, so nothing changed. It may come from an older version of Alertbridge.");
        }
        ButtonValue value;
        try {
            value = ButtonValue.parse(valueOf(action));
        } catch (IllegalArgumentException e) {
            LOG.info(
                    "Broken {} button clicked by {}: {}",
                    LogText.safe(action.getActionId()),
                    LogText.safe(caller.userId()),
                    LogText.safe(e.getMessage()));
            return explain(
                    caller,
                    Outcome.INVALID,
                    ":warning: That button is broken (" + e.getMessage()
                            + "), so nothing changed. `/alerts list` lets you act by incident id.");
        }
        String snooze = type == ActionType.SNOOZE ? (value.snooze() == null ? DEFAULT_SNOOZE : value.snooze()) : null;
        IncidentActions.Result result = actions.act(
                caller,
                new IncidentActions.Request(
                        type, value.incidentId(), value.groupKey(), snooze, null, IncidentActions.ORIGIN_BUTTON),
                false,
                false);
        if (result.reply() != null) {
            afterAck.tell(caller, result.reply());
        }
        LOG.debug(
                "{} on {} by {}: {}",
                type,
                LogText.safe(value.incidentId()),
                LogText.safe(caller.userId()),
                LogText.safe(result.outcome()));
        return result.outcome();
    }

    private Outcome explain(Caller caller, Outcome outcome, String text) {
        afterAck.tell(caller, Reply.ephemeral(text));
        return outcome;
    }

    /** The action an action id stands for, or null when it is not one of ours. */
    static ActionType type(String actionId) {
        if (actionId == null) {
            return null;
        }
        return switch (actionId) {
            case IncidentMessageRenderer.ACTION_ACKNOWLEDGE -> ActionType.ACKNOWLEDGE;
            case IncidentMessageRenderer.ACTION_UNACKNOWLEDGE -> ActionType.UNACKNOWLEDGE;
            case IncidentMessageRenderer.ACTION_RESOLVE -> ActionType.RESOLVE;
            case IncidentMessageRenderer.ACTION_SNOOZE -> ActionType.SNOOZE;
            default -> null;
        };
    }

    /** A button's value, or a menu's selected option's value (a snooze menu offers 1 h, 4 h, tomorrow morning). */
    private static String valueOf(BlockActionPayload.Action action) {
        if (action.getValue() != null) {
            return action.getValue();
        }
        return action.getSelectedOption() == null
                ? null
                : action.getSelectedOption().getValue();
    }

    private static Caller caller(BlockActionPayload payload, String rawBody) {
        BlockActionPayload.User user = payload.getUser();
        BlockActionPayload.Channel channel = payload.getChannel();
        return new Caller(
                user == null ? null : user.getId(),
                user == null ? null : firstNonBlank(user.getName(), user.getUsername()),
                user == null ? null : user.getTeamId(),
                channel == null ? null : channel.getId(),
                channel == null ? null : channel.getName(),
                payload.getResponseUrl(),
                payload.getTriggerId(),
                RequestIds.requestKey(payload.getTriggerId(), rawBody));
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
