package io.alertbridge.connectors.receivers.pagerduty;

import io.alertbridge.connectors.receivers.Delivered;
import io.alertbridge.connectors.receivers.DeliveryAnswer;
import io.alertbridge.connectors.receivers.Destination;
import io.alertbridge.connectors.receivers.ReceiverId;
import io.alertbridge.connectors.receivers.pagerduty.PagerDutyPlan.Action;
import io.alertbridge.schemas.model.Incident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends incident changes to PagerDuty's Events API v2 ({@code POST <url>/v2/enqueue}) as {@link PagerDutyPlan}
 * decides: trigger, acknowledge, resolve, all with {@code dedup_key} = the incident id, so a repeat (after a crash)
 * lands on the same PagerDuty alert. PagerDuty answers 202 when it took the event, 400 when it is invalid (an
 * unknown routing key: not retried), 429 when throttled (retried).
 *
 * <p>Thread-safe.
 */
public final class PagerDutyDestination implements Destination<PagerDutyDestination.Message> {

    private static final Logger LOG = LoggerFactory.getLogger(PagerDutyDestination.class);

    /**
     * One event.
     *
     * @param incidentId the incident (the dedup key)
     * @param version its version
     * @param action what the event does
     * @param body the JSON
     */
    public record Message(String incidentId, long version, Action action, byte[] body) {}

    private final ReceiverId id;
    private final PagerDutyConfig config;
    private final URI enqueue;
    private final HttpClient http;
    private final Clock clock;

    public PagerDutyDestination(String name, PagerDutyConfig config, Clock clock) {
        this.id = ReceiverId.pagerDuty(name);
        this.config = config;
        this.clock = clock;
        String base = config.url().toString();
        this.enqueue = URI.create((base.endsWith("/") ? base : base + "/") + "v2/enqueue");
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public ReceiverId id() {
        return id;
    }

    @Override
    public List<Message> plan(Incident incident, Delivered previous) {
        PagerDutyPlan.Plan plan = PagerDutyPlan.plan(incident, previous);
        LOG.debug(
                "PagerDuty {} for {} v{}: {} ({})",
                id,
                incident.incidentId(),
                incident.version(),
                plan.actions(),
                plan.reason());
        return plan.actions().stream()
                .map(action -> new Message(
                        incident.incidentId(),
                        incident.version(),
                        action,
                        PagerDutyEvent.of(config.routingKey(), action, incident, config.source())))
                .toList();
    }

    @Override
    public CompletableFuture<DeliveryAnswer> send(Message message) {
        HttpRequest request = HttpRequest.newBuilder(enqueue)
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Alertbridge-PagerDuty/1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> DeliveryAnswer.ofHttp(response, failure, clock.instant()));
    }

    @Override
    public String describe(Message message) {
        return message.action().wire() + " " + message.incidentId() + " v" + message.version();
    }
}
