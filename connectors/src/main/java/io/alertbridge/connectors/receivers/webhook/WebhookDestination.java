package io.alertbridge.connectors.receivers.webhook;

import io.alertbridge.connectors.receivers.Delivered;
import io.alertbridge.connectors.receivers.DeliveryAnswer;
import io.alertbridge.connectors.receivers.Destination;
import io.alertbridge.connectors.receivers.ReceiverId;
import io.alertbridge.schemas.model.Incident;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends every incident change as one signed JSON POST ({@link WebhookBody}, {@link WebhookSignature}), with
 * {@code Idempotency-Key: <receiver>:<incident id>:<version>} (the same for every attempt of one change, and after a
 * crash), {@code Alertbridge-Incident} and {@code Alertbridge-Version}. The timestamp and signature are made again
 * for every attempt, so that a retry hours later is not refused as stale; the body stays the same.
 *
 * <p>Thread-safe; its HTTP client is shared by the calls of one receiver.
 */
public final class WebhookDestination implements Destination<WebhookDestination.Message> {

    /** The idempotency header. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /**
     * One POST.
     *
     * @param incidentId the incident
     * @param version its version
     * @param idempotencyKey the same for every attempt
     * @param body the JSON
     */
    public record Message(String incidentId, long version, String idempotencyKey, byte[] body) {}

    private final ReceiverId id;
    private final WebhookConfig config;
    private final HttpClient http;
    private final Clock clock;

    public WebhookDestination(String name, WebhookConfig config, Clock clock) {
        this.id = ReceiverId.webhook(name);
        this.config = config;
        this.clock = clock;
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
        String key = id + ":" + incident.incidentId() + ":" + incident.version();
        return List.of(
                new Message(incident.incidentId(), incident.version(), key, WebhookBody.of(id, incident, previous)));
    }

    @Override
    public CompletableFuture<DeliveryAnswer> send(Message message) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(config.url())
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Alertbridge-Webhook/1")
                .header(WebhookSignature.HEADER, WebhookSignature.header(config.secret(), timestamp, message.body()))
                .header(IDEMPOTENCY_KEY, message.idempotencyKey())
                .header("Alertbridge-Incident", message.incidentId())
                .header("Alertbridge-Version", Long.toString(message.version()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> DeliveryAnswer.ofHttp(response, failure, clock.instant()));
    }

    @Override
    public String describe(Message message) {
        return "change " + message.incidentId() + " v" + message.version();
    }
}
