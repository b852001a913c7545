package io.alertbridge.processor.dedupe;

import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property behind {@link Deduplication}: any arrival order of a fingerprint's transitions, with duplicates, ends
 * in the state of the newest transition. The transitions of one fingerprint reach the dedupe stage from several raw
 * partitions (an alarm's ALARM and OK carry different SNS ids), so every interleaving is possible; a seeded shuffle
 * explores them, and a failure names its seed.
 */
class DeduplicationArrivalOrderTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final int SCENARIOS = 5_000;

    @ParameterizedTest(name = "dropResolvedWithoutFiring={0}")
    @ValueSource(booleans = {true, false})
    void shouldEndInTheNewestTransitionsStatusWhateverTheArrivalOrder(boolean dropResolvedWithoutFiring) {
        for (int seed = 0; seed < SCENARIOS; seed++) {
            Random random = new Random(seed);
            List<AlertEvent> transitions = transitions(random);
            List<AlertEvent> arrivals = withDuplicates(transitions, random);
            Collections.shuffle(arrivals, random);

            List<AlertStatus> passed = passThroughTheStage(arrivals, dropResolvedWithoutFiring);

            AlertEvent newest = transitions.stream()
                    .max(Comparator.comparing(AlertEvent::occurredAt))
                    .orElseThrow();
            String scenario = "seed " + seed + ", arrivals " + describe(arrivals) + ", passed " + passed;
            if (passed.isEmpty()) {
                assertThat(newest.status()).as(scenario).isEqualTo(AlertStatus.RESOLVED);
                assertThat(dropResolvedWithoutFiring).as(scenario).isTrue();
            } else {
                assertThat(passed).as(scenario).last().isEqualTo(newest.status());
            }
            if (dropResolvedWithoutFiring) {
                // Whether anything reaches the incident stages does not depend on the arrival order either.
                boolean fired = transitions.stream().anyMatch(t -> t.status() == AlertStatus.FIRING);
                assertThat(passed.isEmpty()).as(scenario).isEqualTo(!fired);
            }
            for (int i = 1; i < passed.size(); i++) {
                assertThat(passed.get(i)).as(scenario).isNotEqualTo(passed.get(i - 1));
            }
        }
    }

    /** Up to 12 transitions at distinct times, statuses drawn at random (a source may repeat a status). */
    private static List<AlertEvent> transitions(Random random) {
        int count = 1 + random.nextInt(12);
        List<AlertEvent> transitions = new ArrayList<>();
        Instant at = T0;
        for (int i = 0; i < count; i++) {
            at = at.plusSeconds(1 + random.nextInt(300));
            AlertStatus status = random.nextBoolean() ? AlertStatus.FIRING : AlertStatus.RESOLVED;
            transitions.add(DeduplicationTest.event("e" + i, status, at));
        }
        return transitions;
    }

    /** SNS and SQS deliver at least once: every transition arrives one to three times. */
    private static List<AlertEvent> withDuplicates(List<AlertEvent> transitions, Random random) {
        List<AlertEvent> arrivals = new ArrayList<>();
        for (AlertEvent transition : transitions) {
            int copies = 1 + random.nextInt(3);
            for (int i = 0; i < copies; i++) {
                arrivals.add(transition);
            }
        }
        return arrivals;
    }

    /** What the dedupe stage does per record: drop a seen event id, else apply the decision and its state. */
    private static List<AlertStatus> passThroughTheStage(List<AlertEvent> arrivals, boolean dropResolvedWithoutFiring) {
        Set<String> seenIds = new HashSet<>();
        LastTransition state = null;
        List<AlertStatus> passed = new ArrayList<>();
        for (AlertEvent event : arrivals) {
            if (!seenIds.add(event.eventId())) {
                continue;
            }
            Deduplication.Verdict verdict = Deduplication.decide(state, event, dropResolvedWithoutFiring);
            if (verdict.remember() != null) {
                state = verdict.remember();
            }
            if (verdict.pass()) {
                passed.add(event.status());
            }
            if (verdict.thenResolvedAt() != null) {
                passed.add(AlertStatus.RESOLVED);
            }
        }
        return passed;
    }

    private static String describe(List<AlertEvent> arrivals) {
        return arrivals.stream()
                .map(e -> e.status().name().charAt(0) + "@" + (e.occurredAt().getEpochSecond() - T0.getEpochSecond()))
                .toList()
                .toString();
    }
}
