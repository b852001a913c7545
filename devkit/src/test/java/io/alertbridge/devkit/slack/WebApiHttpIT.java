package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The Web API at the HTTP level, without the SDK: JSON and form bodies, tokens, warnings, unknown methods. */
class WebApiHttpIT {

    private static final Duration SLOW_BODY = Duration.ofMillis(400);

    private final HttpClient http = HttpClient.newHttpClient();
    private LocalSlackWorkspace workspace;

    @BeforeEach
    void start() {
        workspace = LocalSlackWorkspace.start();
    }

    @AfterEach
    void stop() {
        workspace.close();
    }

    @Test
    void shouldAcceptAJsonBodyWithStructuredBlocksAndABearerToken() throws Exception {
        JsonNode answer = post(
                "chat.postMessage",
                "application/json; charset=utf-8",
                "{\"channel\":\"#alerts\",\"text\":\"json\",\"blocks\":[{\"type\":\"divider\"}],"
                        + "\"metadata\":{\"event_type\":\"e\",\"event_payload\":{\"k\":1}}}",
                true);

        assertThat(answer.path("ok").asBoolean()).as(answer.toString()).isTrue();
        assertThat(answer.has("warning")).isFalse();
        SlackMessage message = workspace.messages("alerts").get(0);
        assertThat(message.blocks().get(0).path("type").asText()).isEqualTo("divider");
        assertThat(message.metadata().path("event_payload").path("k").asInt()).isEqualTo(1);
    }

    @Test
    void shouldWarnAboutAJsonBodyWithoutCharsetAsSlackDoes() throws Exception {
        JsonNode answer =
                post("chat.postMessage", "application/json", "{\"channel\":\"#alerts\",\"text\":\"x\"}", true);

        assertThat(answer.path("ok").asBoolean()).isTrue();
        assertThat(answer.path("warning").asText()).isEqualTo("missing_charset");
        assertThat(answer.path("response_metadata").path("warnings").get(0).asText())
                .isEqualTo("missing_charset");
    }

    @Test
    void shouldTakeTheTokenFromAFormFieldButNeverFromAJsonBody() throws Exception {
        String form = "token=" + workspace.botToken() + "&channel=%23alerts&text=form+encoded";
        assertThat(post("chat.postMessage", "application/x-www-form-urlencoded", form, false)
                        .path("ok")
                        .asBoolean())
                .isTrue();
        assertThat(workspace.messages("alerts").get(0).text()).isEqualTo("form encoded");

        String json = "{\"token\":\"" + workspace.botToken() + "\",\"channel\":\"#alerts\",\"text\":\"x\"}";
        assertThat(post("chat.postMessage", "application/json; charset=utf-8", json, false)
                        .path("error")
                        .asText())
                .isEqualTo("not_authed");
    }

    @Test
    void shouldReadArgumentsFromTheQueryString() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(workspace.apiUrl() + "users.lookupByEmail?email=bob%40example.com"))
                        .header("Authorization", "Bearer " + workspace.botToken())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(SlackJson.parse(response.body()).path("user").path("name").asText())
                .isEqualTo("bob");
    }

    @Test
    void shouldAnswerNotAuthedWithoutAToken() throws Exception {
        assertThat(post("auth.test", "application/x-www-form-urlencoded", "", false)
                        .path("error")
                        .asText())
                .isEqualTo("not_authed");
    }

    @Test
    void shouldAnswerUnknownMethodAndInvalidJson() throws Exception {
        assertThat(post("chat.nope", "application/x-www-form-urlencoded", "", true)
                        .path("error")
                        .asText())
                .isEqualTo("unknown_method");
        assertThat(post("chat.postMessage", "application/json; charset=utf-8", "{oops", true)
                        .path("error")
                        .asText())
                .isEqualTo("invalid_json");
        assertThat(post("chat.postMessage", "application/json; charset=utf-8", "[1]", true)
                        .path("error")
                        .asText())
                .isEqualTo("json_not_object");
    }

    @Test
    void shouldStampACallWithTheInstantItArrivedNotWhenItsBodyWasRead() throws Exception {
        String body = "{\"channel\":\"#alerts\",\"text\":\"slow client\"}";
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/chat.postMessage HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + workspace.botToken() + "\r\n"
                + "Content-Type: application/json; charset=utf-8\r\n"
                + "Content-Length: " + bodyBytes.length + "\r\nConnection: close\r\n\r\n";
        Instant headSent;
        Instant bodySent;
        try (Socket socket = new Socket("localhost", workspace.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            headSent = Instant.now();
            // The stimulus: a client whose body arrives late (not a wait for a condition).
            Thread.sleep(SLOW_BODY.toMillis()); // CHECKSTYLE:OK
            bodySent = Instant.now();
            out.write(bodyBytes);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("\"ok\":true");
        }

        ApiCall call = workspace.calls("chat.postMessage").get(0);
        assertThat(call.at()).isBefore(bodySent.minus(SLOW_BODY.dividedBy(2)));
        assertThat(call.at()).isAfterOrEqualTo(headSent.minusMillis(1));
    }

    private JsonNode post(String method, String contentType, String body, boolean withBearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(workspace.apiUrl() + method))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (withBearer) {
            request.header("Authorization", "Bearer " + workspace.botToken());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return SlackJson.parse(response.body());
    }
}
