package io.alertbridge.launcher.cli;

import io.alertbridge.schemas.model.ReportRule;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.model.SilenceRule;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ReportRuleSourceTest {

    private static ReportRule report(String id, String channel) {
        return new ReportRule(id, channel, ReportRule.Every.DAY, LocalTime.of(9, 0), null, null, null);
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-02T12:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void shouldTakeTheFilesReportRulesWithTheTopicsReplacingThemById() {
        SilenceRule silence = new SilenceRule(
                "quiet",
                List.of(io.alertbridge.schemas.model.Matcher.parse("service=checkout")),
                Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2026-12-03T00:00:00Z"),
                "maintenance",
                "alice");
        List<Rule> file = List.of(report("weekly", "#ops"), report("daily", "#ops"), silence);
        List<Rule> topic = List.of(report("daily", "#payments-alerts"));

        List<ReportRule> merged = ReportRuleSource.merge(file, topic);

        assertThat(merged)
                .extracting(ReportRule::id, ReportRule::channel)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("weekly", "#ops"),
                        org.assertj.core.groups.Tuple.tuple("daily", "#payments-alerts"));
    }

    @Test
    void shouldReadTheTopicAgainOnlyAfterAMinuteAndKeepTheLastRulesWhenItFails() {
        MovableClock clock = new MovableClock();
        List<String> reads = new ArrayList<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        ReportRuleSource source = new ReportRuleSource(
                List.of(),
                () -> {
                    reads.add("read");
                    if (failure.get() != null) {
                        throw failure.get();
                    }
                    return Map.of("daily", report("daily", "#ops"));
                },
                clock);

        assertThat(source.get()).extracting(ReportRule::id).containsExactly("daily");
        clock.now = clock.now.plus(Duration.ofSeconds(30));
        source.get();
        assertThat(reads).hasSize(1);
        clock.now = clock.now.plus(ReportRuleSource.REFRESH);
        failure.set(new IllegalStateException("Kafka is down"));
        assertThat(source.get()).extracting(ReportRule::id).containsExactly("daily");
        assertThat(reads).hasSize(2);
    }
}
