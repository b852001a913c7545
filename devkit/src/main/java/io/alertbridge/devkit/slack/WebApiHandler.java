package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Serves {@code /api/{method}} as Slack serves {@code https://slack.com/api/{method}}. For each call, in order:
 * an injected fault if a switch says so; {@code unknown_method}; the body ({@code invalid_json}); the token
 * ({@code not_authed}, {@code invalid_auth}, {@code token_revoked} while the revocation switch is on); the scope the
 * method needs ({@code missing_scope} with {@code needed} and {@code provided}); the method's rate-limit tier (429 with {@code Retry-After}); then the
 * method itself. Every call is recorded, stamped with the instant it arrived (before its body was read or the state's
 * lock taken), with its answer before the answer is sent, then an injected delay applies
 * (the work is done, the answer is late, as when Slack is slow).
 *
 * <p>Thread-safe: methods run one at a time under the state's lock; many requests may wait for it.
 */
final class WebApiHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WebApiHandler.class);
    private static final String PREFIX = "/api/";

    private final WorkspaceState state;
    private final Map<String, ApiMethod.Spec> methods;
    private final Supplier<String> botToken;
    private final RateLimiter limiter;
    private final FaultInjector faults;
    private final CallRecorder recorder;
    private final Predicate<String> retiredToken;
    private final Predicate<String> scopeMissing;

    WebApiHandler(
            WorkspaceState state,
            Map<String, ApiMethod.Spec> methods,
            Supplier<String> botToken,
            Predicate<String> retiredToken,
            Predicate<String> scopeMissing,
            RateLimiter limiter,
            FaultInjector faults,
            CallRecorder recorder) {
        this.state = state;
        this.methods = Map.copyOf(methods);
        this.botToken = botToken;
        this.retiredToken = retiredToken;
        this.scopeMissing = scopeMissing;
        this.limiter = limiter;
        this.faults = faults;
        this.recorder = recorder;
    }

    /** The answer to one call. */
    private record Answer(int status, ObjectNode body, int retryAfter) {}

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Instant arrivedAt = recorder.clock().instant();
        try (exchange) {
            String method = exchange.getRequestURI().getPath().substring(PREFIX.length());
            ApiRequest request;
            try {
                request = ApiRequest.read(exchange);
            } catch (IOException e) {
                LOG.debug("Unreadable request for {}: {}", method, e.getMessage());
                send(exchange, new Answer(413, error("request_too_large"), 0));
                return;
            }
            Answer answer = answer(method, request);
            recorder.record(arrivedAt, method, request.args(), answer.status(), answer.body(), answer.retryAfter());
            LOG.debug(
                    "{} -> {} {}",
                    method,
                    answer.status(),
                    answer.body().path("error").asText("ok"));
            pause(faults.delay());
            send(exchange, answer);
        }
    }

    private Answer answer(String method, ApiRequest request) {
        Optional<FaultInjector.Fault> fault = faults.next(method);
        if (fault.isPresent()) {
            int status = fault.get().httpStatus();
            if (fault.get().error() != null) {
                return new Answer(status, error(fault.get().error()), 0);
            }
            return status == 429
                    ? new Answer(429, error("ratelimited"), fault.get().retryAfterSeconds())
                    : new Answer(status, error("fatal_error"), 0);
        }
        ApiMethod.Spec spec = methods.get(method);
        if (spec == null) {
            ObjectNode body = error("unknown_method");
            body.put("req_method", method);
            return new Answer(200, body, 0);
        }
        if (request.bodyError() != null) {
            return new Answer(200, error(request.bodyError()), 0);
        }
        if (request.token() == null || request.token().isEmpty()) {
            return new Answer(200, error("not_authed"), 0);
        }
        if (!request.token().equals(botToken.get())) {
            // A token replaced by a rotation answers as Slack answers a revoked one.
            return new Answer(200, error(retiredToken.test(request.token()) ? "token_revoked" : "invalid_auth"), 0);
        }
        if (faults.tokenRevoked()) {
            return new Answer(200, error("token_revoked"), 0);
        }
        if (spec.scope() != null && scopeMissing.test(spec.scope())) {
            ObjectNode body = error("missing_scope");
            body.put("needed", spec.scope());
            body.put(
                    "provided",
                    String.join(
                            ",",
                            LocalSlackWorkspace.SCOPES.stream()
                                    .filter(s -> !scopeMissing.test(s))
                                    .toList()));
            return new Answer(200, body, 0);
        }
        OptionalInt wait = limiter.acquire(method, spec.tier());
        if (wait.isPresent()) {
            return new Answer(429, error("ratelimited"), wait.getAsInt());
        }
        return call(spec, request);
    }

    private Answer call(ApiMethod.Spec spec, ApiRequest request) {
        try {
            ObjectNode result;
            synchronized (state) {
                result = spec.method().call(request);
            }
            ObjectNode body = SlackJson.object().put("ok", true);
            body.setAll(result);
            addWarnings(body, request);
            return new Answer(200, body, 0);
        } catch (SlackApiError e) {
            ObjectNode body = error(e.error());
            body.setAll(e.extra());
            addWarnings(body, request);
            return new Answer(e.httpStatus(), body, e.retryAfterSeconds());
        } catch (RuntimeException e) {
            LOG.warn("Local Slack workspace failed on a call", e);
            return new Answer(500, error("internal_error"), 0);
        }
    }

    private static void addWarnings(ObjectNode body, ApiRequest request) {
        if (request.warnings().isEmpty()) {
            return;
        }
        String existing = body.path("warning").asText("");
        String joined = String.join(",", request.warnings());
        body.put("warning", existing.isEmpty() ? joined : existing + "," + joined);
        ObjectNode metadata = body.has("response_metadata")
                ? (ObjectNode) body.get("response_metadata")
                : body.putObject("response_metadata");
        ArrayNode warnings =
                metadata.has("warnings") ? (ArrayNode) metadata.get("warnings") : metadata.putArray("warnings");
        request.warnings().forEach(warnings::add);
    }

    private static ObjectNode error(String error) {
        return SlackJson.object().put("ok", false).put("error", error);
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = SlackJson.bytes(answer.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if (answer.retryAfter() > 0) {
            exchange.getResponseHeaders().set("Retry-After", Integer.toString(answer.retryAfter()));
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void pause(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        try {
            // The delay switch exists to make answers late; this handler thread is the one to hold back.
            Thread.sleep(delay.toMillis()); // CHECKSTYLE:OK
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
