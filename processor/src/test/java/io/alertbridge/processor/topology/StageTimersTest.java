package io.alertbridge.processor.topology;

import io.alertbridge.processor.store.StateStores;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StageTimersTest {

    private static final Instant T0 = Instant.parse("2024-11-06T18:00:00Z");
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final String STORE = StateStores.LIFECYCLE_TIMERS;

    /**
     * A stage in miniature: each id has its own due instant, as the stages keep it in their state, and a timer that
     * fires is done with (its state clears its due instant and moves the timer away, as the stages' steps do).
     */
    private static final class Stage {

        final MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
        final KeyValueStore<String, String> store;
        final StageTimers timers;
        final Map<String, Instant> dueAt = new HashMap<>();
        final List<String> fired = new ArrayList<>();

        Stage(TimeBase timeBase, List<KeyValue<String, String>> restored) {
            store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.String())
                    .withLoggingDisabled()
                    .build();
            store.init(context.getStateStoreContext(), store);
            restored.forEach(entry -> store.put(entry.key, entry.value));
            context.addStateStore(store);
            context.setCurrentSystemTimeMs(T0.toEpochMilli());
            timers = new StageTimers(timeBase, TICK, STORE);
            timers.init(context, this::fire);
        }

        Stage(TimeBase timeBase) {
            this(timeBase, List.of());
        }

        void due(String id, Instant at) {
            timers.move(id, dueAt.get(id), at);
            dueAt.put(id, at);
        }

        private boolean fire(String id, Instant at, Instant now) {
            if (!at.equals(dueAt.get(id))) {
                return false;
            }
            fired.add(id + "@" + Duration.between(T0, now).toSeconds());
            timers.move(id, at, null);
            dueAt.remove(id);
            return true;
        }

        /** The punctuator as Kafka Streams runs it at wall-clock time {@code at}. */
        void tick(Instant at) {
            context.setCurrentSystemTimeMs(at.toEpochMilli());
            assertThat(context.scheduledPunctuators()).singleElement().satisfies(p -> {
                assertThat(p.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
                assertThat(p.getInterval()).isEqualTo(TICK);
                p.getPunctuator().punctuate(at.toEpochMilli());
            });
        }

        /** The index's entries, as its changelog would hold them. */
        List<KeyValue<String, String>> entries() {
            List<KeyValue<String, String>> entries = new ArrayList<>();
            try (KeyValueIterator<String, String> it = store.all()) {
                it.forEachRemaining(entries::add);
            }
            return entries;
        }
    }

    @Test
    void shouldFireEveryTimerThatFellDueDuringAPauseAtTheFirstTickEarliestFirst() {
        Stage stage = new Stage(TimeBase.WALL_CLOCK);
        stage.due("a", T0.plusSeconds(30));
        stage.due("b", T0.plusSeconds(10));
        stage.due("c", T0.plusSeconds(20));
        stage.due("later", T0.plusSeconds(600));

        stage.tick(T0.plusSeconds(5));
        assertThat(stage.fired).as("nothing due yet").isEmpty();

        // The task stalled for five minutes: no tick ran in between.
        stage.tick(T0.plusSeconds(300));
        assertThat(stage.fired).containsExactly("b@300", "c@300", "a@300");

        stage.tick(T0.plusSeconds(301));
        assertThat(stage.fired).as("each fires once").hasSize(3);
        stage.tick(T0.plusSeconds(600));
        assertThat(stage.fired).containsExactly("b@300", "c@300", "a@300", "later@600");
        assertThat(stage.entries()).isEmpty();
    }

    @Test
    void shouldOrderTimersByTimeNotByIdAcrossMillisecondsAndDecades() {
        Stage stage = new Stage(TimeBase.WALL_CLOCK);
        stage.due("z-first", T0.minus(Duration.ofDays(3650)));
        stage.due("a-third", T0.plusMillis(2));
        stage.due("m-second", T0.plusMillis(1));

        stage.tick(T0.plusSeconds(1));

        assertThat(stage.fired).containsExactly("z-first@1", "m-second@1", "a-third@1");
    }

    @Test
    void shouldMoveATimerAndDropAnEntryWhoseStateMovedOnWithoutFiringIt() {
        Stage stage = new Stage(TimeBase.WALL_CLOCK);
        stage.due("moved", T0.plusSeconds(10));
        stage.due("moved", T0.plusSeconds(40));
        stage.due("stale", T0.plusSeconds(10));
        // The state moved on without moving its timer (a lost write): its entry no longer matches.
        stage.dueAt.put("stale", T0.plusSeconds(3600));

        stage.tick(T0.plusSeconds(20));
        assertThat(stage.fired)
                .as("the moved timer waits for its new time; the stale entry never fires")
                .isEmpty();
        assertThat(stage.entries())
                .extracting(entry -> entry.value)
                .as("the stale entry is gone, the moved one is kept once")
                .containsExactly("moved");

        stage.tick(T0.plusSeconds(40));
        assertThat(stage.fired).containsExactly("moved@40");
    }

    @Test
    void shouldFireDueTimersJustBeforeARecordUnderRecordTimeWithoutAPunctuator() {
        Stage stage = new Stage(TimeBase.RECORD_TIME);
        assertThat(stage.context.scheduledPunctuators()).isEmpty();
        stage.due("b", T0.plusSeconds(20));
        stage.due("a", T0.plusSeconds(10));
        stage.due("later", T0.plusSeconds(60));

        stage.context.setCurrentStreamTimeMs(T0.plusSeconds(30).toEpochMilli());
        // The wall clock is far ahead (a rebuild runs days later); record time decides.
        stage.context.setCurrentSystemTimeMs(T0.plus(Duration.ofDays(7)).toEpochMilli());
        Instant now = stage.timers.now();

        assertThat(now).isEqualTo(T0.plusSeconds(30));
        assertThat(stage.fired).containsExactly("a@30", "b@30");
        stage.context.setCurrentStreamTimeMs(T0.plusSeconds(60).toEpochMilli());
        assertThat(stage.timers.now()).isEqualTo(T0.plusSeconds(60));
        assertThat(stage.fired).containsExactly("a@30", "b@30", "later@60");
    }

    @Test
    void shouldTellTheWallClockWithoutFiringAnythingOutsideAPunctuation() {
        Stage stage = new Stage(TimeBase.WALL_CLOCK);
        stage.due("a", T0.plusSeconds(10));
        stage.context.setCurrentSystemTimeMs(T0.plusSeconds(30).toEpochMilli());
        stage.context.setCurrentStreamTimeMs(T0.minusSeconds(3600).toEpochMilli());

        assertThat(stage.timers.now()).isEqualTo(T0.plusSeconds(30));
        assertThat(stage.fired).as("live, only the punctuator fires timers").isEmpty();
    }

    @Test
    void shouldFireTheTimersOfTheTaskBeforeARestartFromItsRestoredIndex() {
        Stage before = new Stage(TimeBase.WALL_CLOCK);
        before.due("a", T0.plusSeconds(30));
        before.due("b", T0.plusSeconds(10));
        before.due("later", T0.plusSeconds(600));
        before.tick(T0.plusSeconds(1));
        List<KeyValue<String, String>> changelog = before.entries();

        // A new task instance: new runtime, new context, a store restored from the changelog; the stage's own state
        // (here the due instants) is restored alongside from its own store.
        Stage after = new Stage(TimeBase.WALL_CLOCK, changelog);
        after.dueAt.putAll(before.dueAt);
        after.tick(T0.plusSeconds(120));

        assertThat(before.fired).isEmpty();
        assertThat(after.fired).containsExactly("b@120", "a@120");
        assertThat(after.entries()).extracting(entry -> entry.value).containsExactly("later");
    }

    @Test
    void shouldRefuseAStoreThatIsNotATimerIndexOfTheTopology() {
        assertThatThrownBy(() -> new StageTimers(TimeBase.WALL_CLOCK, TICK, StateStores.LIFECYCLE_INCIDENTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(StateStores.LIFECYCLE_INCIDENTS);
    }
}
