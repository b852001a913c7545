package io.alertbridge.connectors.slack.interactivity;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The allow-list with a user group, against Slack's {@code usergroups.users.list} served over real HTTP: members
 * and listed users may resolve and silence, others are refused politely, nobody is let in before the group is
 * read, and a failed refresh keeps the last known members.
 */
class AuthorizerIT {

    private HttpServer server;
    private final AtomicReference<String> answer =
            new AtomicReference<>("{\"ok\":true,\"users\":[\"U0ALICE\",\"U0CAROL\"]}");
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicReference<String> usergroupAsked = new AtomicReference<>();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/usergroups.users.list", exchange -> {
            try (exchange) {
                String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                usergroupAsked.set(form);
                calls.incrementAndGet();
                byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Authorizer authorizer(Set<String> users, String group, Duration refresh) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(
                "http://localhost:" + server.getAddress().getPort() + "/api/");
        config.getMethodsConfig().setStatsEnabled(false);
        InteractivityConfig interactivity = new InteractivityConfig(
                InteractivityConfig.Mode.HTTP,
                "secret",
                "xoxb-1-test",
                null,
                null,
                null,
                null,
                null,
                users,
                group,
                null,
                null,
                null,
                null,
                null,
                refresh);
        return Authorizer.of(interactivity, Slack.getInstance(config));
    }

    @Test
    void shouldLetGroupMembersAndListedUsersInAndRefuseOthersPolitely() {
        try (Authorizer authorizer = authorizer(Set.of("U0DAVE"), "S0ONCALL", Duration.ofMinutes(5))) {
            await().atMost(Duration.ofSeconds(10)).until(authorizer::isReady);

            assertThat(authorizer.mayResolveOrSilence("U0ALICE").allowed()).isTrue();
            assertThat(authorizer.mayResolveOrSilence("U0DAVE").allowed()).isTrue();
            Authorizer.Decision bob = authorizer.mayResolveOrSilence("U0BOB");
            assertThat(bob.allowed()).isFalse();
            assertThat(bob.refusal()).startsWith("Sorry, only members of <!subteam^S0ONCALL>");
            assertThat(usergroupAsked.get()).contains("usergroup=S0ONCALL");
        }
    }

    @Test
    void shouldRefuseGroupMembersUntilTheGroupIsReadAndKeepMembersWhenARefreshFails() {
        answer.set("{\"ok\":false,\"error\":\"missing_scope\"}");
        try (Authorizer authorizer = authorizer(Set.of(), "S0ONCALL", Duration.ofMillis(100))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 2);
            assertThat(authorizer.isReady()).isFalse();
            assertThat(authorizer.mayResolveOrSilence("U0ALICE").refusal()).contains("could not read the list");

            answer.set("{\"ok\":true,\"users\":[\"U0ALICE\"]}");
            await().atMost(Duration.ofSeconds(10)).until(authorizer::isReady);
            answer.set("{\"ok\":false,\"error\":\"ratelimited\"}");
            int seen = calls.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= seen + 2);

            assertThat(authorizer.mayResolveOrSilence("U0ALICE").allowed()).isTrue();
        }
    }

    @Test
    void shouldLetEveryoneInWithoutAnAllowList() {
        try (Authorizer authorizer = authorizer(Set.of(), null, Duration.ofMinutes(5))) {
            assertThat(authorizer.isReady()).isTrue();
            assertThat(authorizer.mayResolveOrSilence("U0ANYONE").allowed()).isTrue();
            assertThat(calls.get()).isZero();
        }
    }
}
