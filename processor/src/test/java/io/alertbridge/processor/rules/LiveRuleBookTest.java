package io.alertbridge.processor.rules;

import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.RouteRule;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LiveRuleBookTest {

    private static final RouteRule DB = new RouteRule(
            "db",
            1,
            List.of(Matcher.parse("service=db")),
            "#db",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldApplyAValidRuleFromTheTopicAtOnce() {
        LiveRuleBook book = new LiveRuleBook(List.of(DB), "#alerts");
        RuleBook before = book.get();

        LiveRuleBook.Outcome outcome = book.apply(
                "web",
                json(
                        "{\"kind\":\"route\",\"id\":\"web\",\"order\":5,\"matchers\":[{\"label\":\"service\",\"op\":\"=\",\"value\":\"web\"}],\"channel\":\"#web\"}"));

        assertThat(outcome.applied()).isTrue();
        assertThat(book.get().routeFor(Map.of("service", "web")).channel()).isEqualTo("#web");
        assertThat(book.get().routeFor(Map.of("service", "db")).channel()).isEqualTo("#db");
        assertThat(before.routeFor(Map.of("service", "web")).id())
                .as("a published book never changes")
                .isEqualTo(RuleBook.DEFAULT_ROUTE_ID);
    }

    @Test
    void shouldRejectABadRuleWithItsReasonAndKeepThePreviousVersion() {
        LiveRuleBook book = new LiveRuleBook(List.of(DB), "#alerts");

        LiveRuleBook.Outcome outcome = book.apply(
                "db",
                json(
                        "{\"kind\":\"route\",\"id\":\"db\",\"matchers\":[{\"label\":\"service\",\"op\":\"=\",\"value\":\"db\"}]}"));

        assertThat(outcome.applied()).isFalse();
        assertThat(outcome.rejectedBecause()).contains("channel");
        assertThat(book.get().routeFor(Map.of("service", "db")).channel()).isEqualTo("#db");
        assertThat(book.rejections()).singleElement().satisfies(r -> assertThat(r.key())
                .isEqualTo("db"));
    }

    @Test
    void shouldRejectARuleWhoseKeyIsNotItsIdAndBytesThatAreNotJson() {
        LiveRuleBook book = new LiveRuleBook(List.of(), "#alerts");

        assertThat(book.apply("other", json("{\"kind\":\"route\",\"id\":\"web\",\"channel\":\"#web\"}"))
                        .rejectedBecause())
                .contains("is not the rule's id");
        assertThat(book.apply("web", json("{not json")).rejectedBecause()).startsWith("not JSON");
        assertThat(book.apply("web", json("[1,2]")).rejectedBecause()).contains("not a JSON object");
        assertThat(book.get().rules()).isEmpty();
    }

    @Test
    void shouldRejectFromTheTopicARouteNamingAReceiverTheConfigurationDoesNotDefine() {
        LiveRuleBook book = new LiveRuleBook(List.of(DB), "#alerts", Set.of("webhook:tickets"));

        LiveRuleBook.Outcome unknown = book.apply(
                "db",
                json("{\"kind\":\"route\",\"id\":\"db\",\"channel\":\"#db-new\","
                        + "\"receivers\":[\"slack\",\"webhook:tikets\"]}"));
        LiveRuleBook.Outcome known = book.apply(
                "web",
                json("{\"kind\":\"route\",\"id\":\"web\",\"channel\":\"#web\","
                        + "\"receivers\":[\"slack\",\"webhook:tickets\"]}"));

        assertThat(unknown.applied()).isFalse();
        assertThat(unknown.rejectedBecause()).contains("route db").contains("webhook:tikets");
        assertThat(book.get().route("db").orElseThrow().channel())
                .as("the previous version stays in force")
                .isEqualTo("#db");
        assertThat(known.applied()).isTrue();
        assertThat(book.get().route("web").orElseThrow().receivers()).containsExactly("slack", "webhook:tickets");
    }

    @Test
    void shouldFallBackToTheFilesVersionOnATombstone() {
        LiveRuleBook book = new LiveRuleBook(List.of(DB), "#alerts");
        book.apply(
                "db",
                json(
                        "{\"kind\":\"route\",\"id\":\"db\",\"matchers\":[{\"label\":\"service\",\"op\":\"=\",\"value\":\"db\"}],\"channel\":\"#db-new\"}"));
        assertThat(book.get().routeFor(Map.of("service", "db")).channel()).isEqualTo("#db-new");

        book.remove("db");

        assertThat(book.get().routeFor(Map.of("service", "db")).channel()).isEqualTo("#db");
    }
}
