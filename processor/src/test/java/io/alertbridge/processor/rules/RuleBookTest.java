package io.alertbridge.processor.rules;

import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.model.SilenceRule;
import io.alertbridge.schemas.model.ThresholdRule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleBookTest {

    private static final Instant NOW = Instant.parse("2023-11-15T02:00:00Z");

    @Test
    void shouldPickTheFirstMatchingRouteByOrderAndFallBackToTheDefault() {
        RuleBook book =
                RuleBook.of(List.of(route("b-db", 20, "service=db"), route("a-any-prod", 10, "env=prod")), "#alerts");

        assertThat(book.routeFor(Map.of("service", "db", "env", "prod")).id()).isEqualTo("a-any-prod");
        assertThat(book.routeFor(Map.of("service", "db")).id()).isEqualTo("b-db");
        assertThat(book.routeFor(Map.of("service", "web")).id()).isEqualTo(RuleBook.DEFAULT_ROUTE_ID);
        assertThat(book.routeFor(Map.of()).channel()).isEqualTo("#alerts");
    }

    @Test
    void shouldUseAConfiguredRouteWithoutMatchersAsTheDefault() {
        RuleBook book = RuleBook.of(List.of(route("catch-all", 99)), "#alerts");

        assertThat(book.routeFor(Map.of("service", "x")).id()).isEqualTo("catch-all");
        assertThat(book.route("catch-all")).isPresent();
    }

    @Test
    void shouldFindOnlyActiveMatchingSilences() {
        SilenceRule maintenance = new SilenceRule(
                "m1",
                List.of(Matcher.parse("service=db")),
                NOW.minusSeconds(60),
                NOW.plusSeconds(60),
                "failover",
                "U1");
        RuleBook book = RuleBook.of(List.of(maintenance), "#alerts");

        assertThat(book.silenceFor(Map.of("service", "db"), NOW)).contains(maintenance);
        assertThat(book.silenceFor(Map.of("service", "web"), NOW)).isEmpty();
        assertThat(book.silenceFor(Map.of("service", "db"), NOW.plusSeconds(60)))
                .as("end is exclusive")
                .isEmpty();
    }

    @Test
    void shouldPickThresholdsPerDetectorAndSeriesWithABuiltInDefault() {
        ThresholdRule numenta = threshold("numenta", 10, "detector=numenta");
        ThresholdRule oneSeries = threshold("one-series", 1, "series=cpu-1");
        RuleBook book = RuleBook.of(List.of(numenta, oneSeries), "#alerts");

        assertThat(book.thresholdFor(Map.of("detector", "numenta", "series", "cpu-1")))
                .isEqualTo(oneSeries);
        assertThat(book.thresholdFor(Map.of("detector", "numenta", "series", "cpu-2")))
                .isEqualTo(numenta);
        assertThat(book.thresholdFor(Map.of("detector", "rcf"))).isEqualTo(RuleBook.DEFAULT_THRESHOLD);
    }

    @Test
    void shouldReplaceAndDeleteRulesWithoutTouchingTheOriginal() {
        RuleBook book = RuleBook.of(List.of(route("db", 1, "service=db")), "#alerts");

        RuleBook moved = book.with(new RouteRule(
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
                null));
        RuleBook deleted = moved.without("db");

        assertThat(book.routeFor(Map.of("service", "db")).channel()).isEqualTo("#db-alerts");
        assertThat(moved.routeFor(Map.of("service", "db")).channel()).isEqualTo("#db");
        assertThat(deleted.routeFor(Map.of("service", "db")).id()).isEqualTo(RuleBook.DEFAULT_ROUTE_ID);
    }

    @Test
    void shouldRejectDuplicateIds() {
        List<Rule> rules = List.of(route("same", 1, "a=b"), route("same", 2, "c=d"));
        assertThatThrownBy(() -> RuleBook.of(rules, "#alerts")).hasMessageContaining("'same'");
    }

    static RouteRule route(String id, int order, String... matchers) {
        return new RouteRule(
                id,
                order,
                List.of(matchers).stream().map(Matcher::parse).toList(),
                "#" + id + "-alerts",
                List.of("service"),
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
    }

    static ThresholdRule threshold(String id, int order, String matcher) {
        return new ThresholdRule(id, order, List.of(Matcher.parse(matcher)), 0.6, 0.4, 2, 4, 3, null);
    }
}
