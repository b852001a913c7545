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
        final List<String> firedMillis = new ArrayList<>();
        /** When set, a timer fires only into a free slot, one per this spacing (a channel's post pace). */
        Duration slotSpacing;

        Instant nextSlot = Instant.EPOCH;
        /** When set, a timer that fires stays where it is (its handler neither drops nor moves it). */
        boolean keepsItsTimer;

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
            if (keepsItsTimer) {
                fired.add(id + "@" + Duration.between(T0, now).toSeconds());
                return true;
            }
            if (slotSpacing != null && now.isBefore(nextSlot)) {
                // No slot free yet: looks again when the next one frees, as the throttle's waiting incidents do.
                timers.move(id, at, nextSlot);
                dueAt.put(id, nextSlot);
                return true;
            }
            if (slotSpacing != null) {
                nextSlot = now.plus(slotSpacing);
            }
            fired.add(id + "@" + Duration.between(T0, now).toSeconds());
            firedMillis.add(id + "@" + Duration.between(T0, now).toMillis());
            timers.move(id, at, null);
            dueAt.remove(id);
            return true;
        }

        /** The tick's punctuator as Kafka Streams runs it at wall-clock time {@code at}. */
        void tick(Instant at) {
            context.setCurrentSystemTimeMs(at.toEpochMilli());
            assertThat(context.scheduledPunctuators())
                    .filteredOn(p -> p.getInterval().equals(TICK))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
                        p.getPunctuator().punctuate(at.toEpochMilli());
                    });
        }

        /** The wake-ups set and not cancelled (every punctuator but the tick's: give no timer a wake-up of one tick). */
        List<MockProcessorContext.CapturedPunctuator> wakeUps() {
            return context.scheduledPunctuators().stream()
                    .filter(p -> !p.getInterval().equals(TICK) && !p.cancelled())
                    .toList();
        }

        /**
         * The one wake-up set, as Kafka Streams runs it: one interval after it was scheduled, here at
         * {@code scheduledAt} plus its interval. Returns when it ran.
         */
        Instant wakeUp(Instant scheduledAt) {
            assertThat(wakeUps()).hasSize(1);
            MockProcessorContext.CapturedPunctuator wakeUp = wakeUps().get(0);
            assertThat(wakeUp.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
            Instant at = scheduledAt.plus(wakeUp.getInterval());
            context.setCurrentSystemTimeMs(at.toEpochMilli());
            wakeUp.getPunctuator().punctuate(at.toEpochMilli());
            return at;
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
        assertThat(stage.fired).as("each at the instant it fell due, as live").containsExactly("a@10", "b@20");
        stage.context.setCurrentStreamTimeMs(T0.plusSeconds(60).toEpochMilli());
        assertThat(stage.timers.now()).isEqualTo(T0.plusSeconds(60));
        assertThat(stage.fired).containsExactly("a@10", "b@20", "later@60");
    }

    @Test
    void shouldLetTimersSetAgainBeforeTheRecordFireInTheirTurnUnderRecordTime() {
        Stage stage = new Stage(TimeBase.RECORD_TIME);
        stage.slotSpacing = Duration.ofSeconds(1);
        stage.due("post-a", T0.plusSeconds(10));
        stage.due("post-b", T0.plusSeconds(10));
        stage.due("post-c", T0.plusSeconds(10));
        stage.due("reply", T0.plusMillis(11_500));
        stage.due("later", T0.plusSeconds(40));

        // The next record of a sparse history comes 20 s after the three fell due together.
        stage.context.setCurrentStreamTimeMs(T0.plusSeconds(30).toEpochMilli());
        stage.timers.now();

        assertThat(stage.firedMillis)
                .as("one slot a second: each waiting timer takes the next one, in the order they waited, before the"
                        + " record")
                .containsExactly("post-a@10000", "post-b@11000", "post-c@12000", "reply@13000");
        assertThat(stage.entries()).extracting(entry -> entry.value).containsExactly("later");
    }

    @Test
    void shouldFireATimerItsHandlerKeepsOnlyOncePerRecordUnderRecordTime() {
        Stage stage = new Stage(TimeBase.RECORD_TIME);
        stage.keepsItsTimer = true;
        stage.due("kept", T0.plusSeconds(10));

        stage.context.setCurrentStreamTimeMs(T0.plusSeconds(30).toEpochMilli());
        stage.timers.now();
        assertThat(stage.fired).containsExactly("kept@10");

        stage.context.setCurrentStreamTimeMs(T0.plusSeconds(31).toEpochMilli());
        stage.timers.now();
        assertThat(stage.fired)
                .as("fired again with the next record, never before the last instant fired")
                .containsExactly("kept@10", "kept@30");
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
    void shouldWakeUpWhenTheEarliestTimerFallsDueNotAtTheNextTick() {
        Stage stage = new Stage(TimeBase.WALL_CLOCK);
        stage.due("post", T0.plusMillis(1_200));
        stage.due("reply", T0.plusMillis(4_300));

        Instant woke = stage.wakeUp(T0);

        assertThat(woke).as("one wake-up, for the earliest timer").isEqualTo(T0.plusMillis(1_200));
        assertThat(stage.firedMillis).containsExactly("post@1200");
        // It ran once: set again for the next pending timer, from where it woke.
        assertThat(stage.wakeUp(woke)).isEqualTo(T0.plusMillis(4_300));
        assertThat(stage.firedMillis).containsExactly("post@1200", "reply@4300");
        assertThat(stage.wakeUps()).as("nothing pending, no wake-up").isEmpty();
        assertThat(stage.entries()).isEmpty();
    }

    @Test
    void shouldSpaceWakeUpsSoThatABurstOfTimersFiresInBatches() {
        Stage stage = new Stage(TimeBase.WALL_CLOCK);
        for (int i = 0; i < 10; i++) {
            stage.due("post-" + i, T0.plusMillis(1_200 + 10 * i));
        }

        Instant first = stage.wakeUp(T0);
        assertThat(stage.firedMillis).containsExactly("post-0@1200");
        Instant second = stage.wakeUp(first);

        assertThat(Duration.between(first, second)).isEqualTo(StageTimers.WAKE_UP_SPACING);
        assertThat(stage.firedMillis)
                .as("what fell due meanwhile fires in one batch, earliest first")
                .containsExactly(
                        "post-0@1200", "post-1@1250", "post-2@1250", "post-3@1250", "post-4@1250", "post-5@1250");
        stage.wakeUp(second);
        assertThat(stage.fired).hasSize(10);
    }

    @Test
    void shouldMoveTheWakeUpEarlierForAnEarlierTimerAndKeepItForALaterOne() {
        Stage stage = new Stage(TimeBase.WALL_CLOCK);
        stage.due("first", T0.plusSeconds(30));
        stage.due("later", T0.plusSeconds(60));
        assertThat(stage.wakeUps()).singleElement().satisfies(p -> assertThat(p.getInterval())
                .isEqualTo(Duration.ofSeconds(30)));

        stage.context.setCurrentSystemTimeMs(T0.plusSeconds(5).toEpochMilli());
        stage.due("sooner", T0.plusSeconds(7));

        assertThat(stage.wakeUps())
                .as("the wake-up for 30 s is cancelled for one at 7 s, set 5 s in")
                .singleElement()
                .satisfies(p -> assertThat(p.getInterval()).isEqualTo(Duration.ofSeconds(2)));
        assertThat(stage.wakeUp(T0.plusSeconds(5))).isEqualTo(T0.plusSeconds(7));
        assertThat(stage.fired).containsExactly("sooner@7");
        assertThat(stage.wakeUps()).singleElement().satisfies(p -> assertThat(p.getInterval())
                .isEqualTo(Duration.ofSeconds(23)));
    }

    @Test
    void shouldWakeUpForATimerRestoredWithTheStoreAndStillFireItAtTheTick() {
        Stage before = new Stage(TimeBase.WALL_CLOCK);
        before.due("a", T0.plusSeconds(10));
        List<KeyValue<String, String>> changelog = before.entries();

        Stage after = new Stage(TimeBase.WALL_CLOCK, changelog);
        after.dueAt.putAll(before.dueAt);
        assertThat(after.wakeUps())
                .as("a restored timer gets its wake-up at init when the clock is known")
                .singleElement()
                .satisfies(p -> assertThat(p.getInterval()).isEqualTo(Duration.ofSeconds(10)));

        after.tick(T0.plusSeconds(11));
        assertThat(after.fired)
                .as("the tick fires it too, whichever runs first")
                .containsExactly("a@11");
    }

    @Test
    void shouldNotSpinOnATimerItsHandlerKeepsDue() {
        Stage stage = new Stage(TimeBase.WALL_CLOCK);
        // A handler that acts but leaves its entry due (the index keeps it until the state moves it).
        StageTimers keeping = new StageTimers(TimeBase.WALL_CLOCK, TICK, STORE);
        List<String> fired = new ArrayList<>();
        keeping.init(stage.context, (id, at, now) -> fired.add(id));
        keeping.move("kept", null, T0.plusSeconds(2));
        MockProcessorContext.CapturedPunctuator wakeUp = stage.context.scheduledPunctuators().stream()
                .filter(p -> !p.cancelled() && p.getInterval().equals(Duration.ofSeconds(2)))
                .findFirst()
                .orElseThrow();

        stage.context.setCurrentSystemTimeMs(T0.plusSeconds(2).toEpochMilli());
        wakeUp.getPunctuator().punctuate(T0.plusSeconds(2).toEpochMilli());

        assertThat(fired).containsExactly("kept");
        assertThat(stage.context.scheduledPunctuators())
                .filteredOn(p -> !p.cancelled() && !p.getInterval().equals(TICK))
                .as("no wake-up for an entry that is already due: the next tick fires it again")
                .isEmpty();
    }

    @Test
    void shouldRefuseAStoreThatIsNotATimerIndexOfTheTopology() {
        assertThatThrownBy(() -> new StageTimers(TimeBase.WALL_CLOCK, TICK, StateStores.LIFECYCLE_INCIDENTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(StateStores.LIFECYCLE_INCIDENTS);
    }
}
