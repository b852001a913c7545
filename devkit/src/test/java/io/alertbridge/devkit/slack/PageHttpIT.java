package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The page's files and JSON API at the HTTP level, and its live event stream. */
class PageHttpIT {

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
    void shouldServeThePageForTheRootAndForPermalinksAndItsFilesFromTheJar() throws Exception {
        HttpResponse<String> page = get("");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("/static/app.js", "/static/app.css");
        assertThat(get("archives/C0/p1712345678000100").body()).isEqualTo(page.body());
        assertThat(get("static/app.js").body()).contains("EventSource");
        assertThat(get("static/app.css").statusCode()).isEqualTo(200);
        assertThat(get("static/LocalSlackWorkspace.class").statusCode()).isEqualTo(404);
        assertThat(get("static/../app.js").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldListChannelsAndPeopleAndMessagesWithTheirThreads() throws Exception {
        String parent = workspace.postAsUser("alerts", "alice", "is anyone on it?");
        String channel = workspace.channel("alerts").orElseThrow().id();

        JsonNode info = SlackJson.parse(get("page/workspace").body());
        JsonNode messages =
                SlackJson.parse(get("page/messages?channel=" + channel).body());

        assertThat(info.path("channels").findValuesAsText("name"))
                .containsExactly("general", "alerts", "payments-alerts", "ops-private", "random");
        assertThat(info.path("users").findValuesAsText("name")).contains("alice", "bob", "carol");
        assertThat(messages.path("messages").get(0).path("ts").asText()).isEqualTo(parent);
        assertThat(messages.path("messages").get(0).path("text").asText()).isEqualTo("is anyone on it?");
    }

    @Test
    void shouldStreamAChangeEventWhenAMessageArrives() throws Exception {
        HttpResponse<InputStream> stream = http.send(
                HttpRequest.newBuilder(URI.create(workspace.baseUrl() + "page/events"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertThat(nextEvent(lines))
                    .as("the first event tells the page to load")
                    .isNotNull();

            workspace.postAsUser("alerts", "bob", "new");

            CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> nextEvent(lines));
            assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo("change");
        }
    }

    @Test
    void shouldRefuseToClickWithoutAnInteractivityUrl() throws Exception {
        String ts = workspace.postAsUser("alerts", "alice", "x");
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(workspace.baseUrl() + "page/click"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"alerts\",\"ts\":\"" + ts
                                + "\",\"action_id\":\"a\",\"user\":\"alice\"}"))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode result = SlackJson.parse(answer.body());
        assertThat(result.path("ok").asBoolean()).isFalse();
        assertThat(result.path("error").asText()).isEqualTo("no_interactivity_url");
    }

    private static String nextEvent(BufferedReader lines) {
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event: ")) {
                    return line.substring("event: ".length());
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(workspace.baseUrl() + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
