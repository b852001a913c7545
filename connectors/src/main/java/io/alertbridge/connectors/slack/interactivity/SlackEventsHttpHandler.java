package io.alertbridge.connectors.slack.interactivity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Slack's HTTP entry ({@code POST /slack/events}) on the JDK's {@code com.sun.net.httpserver}, so the launcher can
 * mount it on the process's one HTTP port beside {@code /health} and {@code /metrics}: it turns an
 * {@link HttpExchange} into Bolt's {@link Request}, runs it through {@link App#run} and writes Bolt's {@link Response}
 * back.
 *
 * <p>Before Bolt sees a request, two checks of our own: {@link SlackRequestCheck} (the signature, and a timestamp at
 * most five minutes away <em>either way</em>; Bolt's verifier lets future timestamps through), and
 * {@link SeenRequests} (a request whose body was already taken in the last ten minutes, replayed or retried by Slack
 * with {@code X-Slack-Retry-Num}, is answered 200 with no effect). Every mode that serves Slack over HTTP
 * ({@code run}, {@code interact}, {@code dev}) goes through here; Socket Mode carries no signatures.
 *
 * <p>Chosen over {@code bolt-jetty} because a second HTTP server (and Jetty with it) would mean a second port to
 * open, secure and probe; Bolt's own servlet adapters do exactly this translation.
 *
 * <p>Answers: 200 with Bolt's body; 401 for a bad or stale signature; 405 for anything but POST; 413 for a body
 * over 1 MiB (Slack's payloads are far smaller); 400 with a JSON {@code error} for a signed request that is not a
 * Slack payload at all (malformed JSON, no payload). A failure inside Bolt is answered 200 with an ephemeral
 * apology, never a 500, so the person sees a sentence rather than Slack's "dispatch_failed".
 *
 * <p>Thread-safe: the HTTP server may call it from several threads.
 */
public final class SlackEventsHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SlackEventsHttpHandler.class);
    private static final int MAX_BODY = 1 << 20;
    /** How long a taken request is remembered: the ten minutes in which its timestamp can pass the check. */
    private static final Duration REMEMBER = SlackRequestCheck.TOLERANCE.multipliedBy(2);
    /** At most this many remembered requests (about 5 MB); far more than Slack sends in ten minutes. */
    private static final int REMEMBER_AT_MOST = 50_000;

    private static final String RETRY_NUM = "X-Slack-Retry-Num";

    private final App app;
    private final SlackRequestParser parser;
    private final SlackRequestCheck check;
    private final SeenRequests seen;
    private final Clock clock;

    SlackEventsHttpHandler(App app, String signingSecret) {
        this(app, () -> signingSecret, Clock.systemUTC());
    }

    SlackEventsHttpHandler(App app, String signingSecret, Clock clock) {
        this(app, () -> signingSecret, clock);
    }

    /** @param signingSecret read on every request (a secret kept in AWS is read again on a mismatch) */
    SlackEventsHttpHandler(App app, Supplier<String> signingSecret, Clock clock) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.check = new SlackRequestCheck(signingSecret);
        this.seen = new SeenRequests(REMEMBER, REMEMBER_AT_MOST);
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                respond(exchange, 405, "application/json", error("Slack posts here; use POST"));
                return;
            }
            byte[] raw = readBody(exchange.getRequestBody());
            if (raw == null) {
                respond(exchange, 413, "application/json", error("request body larger than 1 MiB"));
                return;
            }
            String body = new String(raw, StandardCharsets.UTF_8);
            RequestHeaders headers = new RequestHeaders(headersOf(exchange));
            Response refusal = refusal(exchange, body, headers);
            respond(exchange, refusal != null ? refusal : run(exchange, body, headers));
        }
    }

    private Response run(HttpExchange exchange, String body, RequestHeaders headers) {
        Request<?> request;
        try {
            request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(exchange.getRequestURI().getPath())
                    .queryString(query(exchange.getRequestURI().getRawQuery()))
                    .requestBody(body)
                    .headers(headers)
                    .remoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress())
                    .build());
        } catch (RuntimeException e) {
            return unreadable(e.getClass().getSimpleName());
        }
        if (request == null) {
            return unreadable("not a Slack payload");
        }
        try {
            return app.run(request);
        } catch (Exception e) {
            LOG.error("Bolt failed on a {} request", request.getRequestType(), LogText.failure(e));
            ObjectNode answer = Json.mapper().createObjectNode();
            answer.put("response_type", "ephemeral");
            answer.put(
                    "text",
                    ":warning: Sorry, Alertbridge failed to handle that ("
                            + e.getClass().getSimpleName() + "). Nothing changed; please try again.");
            return Response.json(200, answer.toString());
        }
    }

    /**
     * Why the request must not reach Bolt, as the answer to give, or null to go on: 401 when it is not signed with
     * our secret or its timestamp is more than five minutes away (say nothing more to strangers); 200 with an empty
     * body when this very request was already taken (a replay, or Slack's retry of a request we acknowledged).
     */
    private Response refusal(HttpExchange exchange, String body, RequestHeaders headers) {
        String timestamp = headers.getFirstValue(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP);
        String signature = headers.getFirstValue(SlackSignature.HeaderNames.X_SLACK_SIGNATURE);
        SlackRequestCheck.Verdict verdict = check.check(timestamp, signature, body, clock.instant());
        String from = exchange.getRemoteAddress().getAddress().getHostAddress();
        if (!verdict.accepted()) {
            LOG.info(
                    "Rejected a request to the Slack endpoint from {} (timestamp '{}'): {}",
                    from,
                    LogText.safe(timestamp),
                    verdict.reason());
            return Response.json(401, error("invalid request"));
        }
        if (!seen.firstTime(RequestIds.sha256(body), clock.instant())) {
            String retry = headers.getFirstValue(RETRY_NUM);
            LOG.info(
                    "Ignored a Slack request from {} that was already taken ({}); answered 200, nothing done",
                    from,
                    retry == null ? "a replay" : "Slack's retry " + LogText.safe(retry));
            return Response.builder().statusCode(200).body("").build();
        }
        return null;
    }

    /** A signed request Bolt cannot read (the signature was checked before): 400 with the reason. */
    private static Response unreadable(String why) {
        LOG.warn("Rejected a signed but malformed Slack request: {}", LogText.safe(why));
        return Response.json(400, error("malformed Slack payload: " + why));
    }

    private static String error(String message) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("error", message);
        return node.toString();
    }

    private static Map<String, List<String>> headersOf(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
        return headers;
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    /** The body, or null when it is larger than {@link #MAX_BODY}. */
    private static byte[] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            out.write(buffer, 0, read);
            if (out.size() > MAX_BODY) {
                return null;
            }
        }
        return out.toByteArray();
    }

    private static void respond(HttpExchange exchange, Response response) throws IOException {
        if (response.getHeaders() != null) {
            response.getHeaders()
                    .forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        }
        int status = response.getStatusCode() == null ? 200 : response.getStatusCode();
        String type = response.getContentType() == null ? "text/plain; charset=utf-8" : response.getContentType();
        respond(exchange, status, type, response.getBody());
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
