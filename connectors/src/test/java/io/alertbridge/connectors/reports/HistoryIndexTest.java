package io.alertbridge.connectors.reports;

import io.alertbridge.schemas.model.IncidentTransition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.alertbridge.connectors.reports.History.at;
import static org.assertj.core.api.Assertions.assertThat;

class HistoryIndexTest {

    private static List<IncidentTransition> list(Iterable<IncidentTransition> it) {
        List<IncidentTransition> out = new ArrayList<>();
        it.forEach(out::add);
        return out;
    }

    @Test
    void shouldReturnTheSliceSinceAnInstantInTimeOrderWhateverTheOrderOfArrival() {
        History h = new History();
        h.incident("INC-1", "web", 30, "a").ack(40, "U1");
        h.incident("INC-2", "db", 10, "b");
        HistoryIndex index = new HistoryIndex();
        List<IncidentTransition> scrambled = new ArrayList<>(h.transitions());
        java.util.Collections.reverse(scrambled);
        scrambled.forEach(index::apply);

        assertThat(list(index.since(at(20))))
                .extracting(IncidentTransition::incidentId)
                .containsExactly("INC-1", "INC-1");
        assertThat(list(index.since(at(0)))).hasSize(3);
        assertThat(index.earliest()).contains(at(10));
    }

    @Test
    void shouldKeepTwoTransitionsOfTheSameInstant() {
        History h = new History();
        h.incident("INC-1", "web", 10, "a");
        h.incident("INC-2", "web", 10, "b");
        HistoryIndex index = new HistoryIndex();
        h.transitions().forEach(index::apply);

        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void shouldDropTheOldestBeyondItsCountAndAgeBounds() {
        History h = new History();
        for (int i = 0; i < 10; i++) {
            h.incident("INC-" + i, "web", i * 60L, "a");
        }
        HistoryIndex byCount = new HistoryIndex(new HistoryIndex.Bounds(Duration.ofDays(365), 4));
        HistoryIndex byAge = new HistoryIndex(new HistoryIndex.Bounds(Duration.ofHours(3), 1_000));
        h.transitions().forEach(byCount::apply);
        h.transitions().forEach(byAge::apply);

        assertThat(byCount.size()).isEqualTo(4);
        assertThat(byCount.earliest()).contains(at(6 * 60));
        assertThat(byAge.earliest()).contains(at(6 * 60));
        assertThat(byAge.size()).isEqualTo(4);
    }

    @Test
    void shouldKnowTheRoutesServicesAndChannelsItHolds() {
        History h = new History();
        h.incident("INC-1", "Checkout", 10, "a");
        HistoryIndex index = new HistoryIndex();
        h.transitions().forEach(index::apply);

        assertThat(index.knows(ReportFilter.of(ReportFilter.By.ROUTE, "checkout")))
                .isTrue();
        assertThat(index.knows(ReportFilter.of(ReportFilter.By.SERVICE, "checkout-svc")))
                .isTrue();
        assertThat(index.knows(ReportFilter.of(ReportFilter.By.CHANNEL, "#checkout")))
                .isTrue();
        assertThat(index.knows(ReportFilter.of(ReportFilter.By.ROUTE, "payments")))
                .isFalse();
        assertThat(index.known(ReportFilter.By.ROUTE, 5)).containsExactly("checkout");
    }
}
