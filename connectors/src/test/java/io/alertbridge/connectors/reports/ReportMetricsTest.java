package io.alertbridge.connectors.reports;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ReportMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ReportMetrics metrics = new ReportMetrics(registry);

    private Timer timer(String name, String route) {
        return registry.find(name).tags("route", route, "severity", "error").timer();
    }

    @Test
    void shouldTimeTheFirstAcknowledgementAndEveryResolutionFromTheOpening() {
        History h = new History();
        h.incident("INC-1", "web", 0, "a")
                .ack(5, "U1")
                .ack(7, "U2")
                .autoResolve(20, "a")
                .reopen(30, "a")
                .autoResolve(40, "a");

        h.transitions().forEach(t -> metrics.seen(t, true));

        Timer tta = timer("alertbridge.incident.time.to.acknowledge", "web");
        Timer ttr = timer("alertbridge.incident.time.to.resolve", "web");
        assertThat(tta.count()).isEqualTo(1);
        assertThat(tta.totalTime(TimeUnit.MINUTES)).isEqualTo(5);
        assertThat(ttr.count()).isEqualTo(2);
        assertThat(ttr.max(TimeUnit.MINUTES)).isEqualTo(40);
    }

    @Test
    void shouldNotTimeAnAcknowledgementAfterTheResolveNorAnythingWhileLoading() {
        History late = new History();
        late.incident("INC-1", "web", 0, "a").autoResolve(10, "a").ack(12, "U1");
        History loading = new History();
        loading.incident("INC-2", "db", 0, "b").ack(3, "U1");

        late.transitions().forEach(t -> metrics.seen(t, true));
        loading.transitions().forEach(t -> metrics.seen(t, false));

        assertThat(timer("alertbridge.incident.time.to.acknowledge", "web")).isNull();
        assertThat(timer("alertbridge.incident.time.to.resolve", "web").count()).isEqualTo(1);
        assertThat(timer("alertbridge.incident.time.to.acknowledge", "db")).isNull();
    }

    @Test
    void shouldBoundTheRouteLabelAndPublishSloBuckets() {
        for (int i = 0; i < ReportMetrics.MAX_ROUTES + 5; i++) {
            History h = new History();
            h.incident("INC-" + i, "route-" + i, 0, "a").ack(1, "U1");
            h.transitions().forEach(t -> metrics.seen(t, true));
        }

        long routes = registry.find("alertbridge.incident.time.to.acknowledge").timers().stream()
                .map(t -> t.getId().getTag("route"))
                .distinct()
                .count();
        assertThat(routes).isEqualTo(ReportMetrics.MAX_ROUTES + 1);
        assertThat(timer("alertbridge.incident.time.to.acknowledge", "other").count())
                .isEqualTo(5);
        assertThat(timer("alertbridge.incident.time.to.acknowledge", "route-0")
                        .takeSnapshot()
                        .histogramCounts())
                .hasSize(ReportMetrics.BUCKETS.length);
        assertThat(metrics.route(null)).isEqualTo("none");
    }
}
