package io.alertbridge.processor.heartbeat;

import io.alertbridge.schemas.model.HeartbeatRule;
import io.alertbridge.schemas.model.HeartbeatRule.BeatKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatClockTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    /** A numenta heartbeat: a score every 5 minutes, alert after 20 minutes of silence. */
    private static final HeartbeatRule NUMENTA = new HeartbeatRule(
            "numenta",
            BeatKind.SCORE,
            null,
            null,
            "numenta",
            null,
            List.of(),
            null,
            Duration.ofMinutes(5),
            Duration.ofMinutes(15),
            null,
            null,
            null,
            Map.of());

    private static HeartbeatRule misses(int misses) {
        return new HeartbeatRule(
                "cron",
                BeatKind.QUEUE,
                "jobs",
                null,
                null,
                null,
                List.of(),
                null,
                Duration.ofMinutes(10),
                null,
                misses,
                null,
                null,
                Map.of());
    }

    private static Instant at(Duration after) {
        return T0.plus(after);
    }

    /** Ticks every TICK from {@code from} (exclusive) to {@code to} (inclusive), returning the last decision. */
    private static HeartbeatDue tickThrough(HeartbeatState state, HeartbeatRule rule, Instant from, Instant to) {
        HeartbeatDue due = new HeartbeatDue(state, HeartbeatDue.Action.NONE, "start");
        Instant previous = from;
        for (Instant now = from.plus(HeartbeatClock.TICK); !now.isAfter(to); now = now.plus(HeartbeatClock.TICK)) {
            due = HeartbeatClock.onTick(due.state(), rule, now, previous);
            assertThat(due.action()).as("at %s", now).isEqualTo(HeartbeatDue.Action.NONE);
            previous = now;
        }
        return due;
    }

    @Test
    void shouldStayQuietWhileBeatsArriveOnTime() {
        HeartbeatState state = HeartbeatClock.onBeat(null, T0, T0).state();
        for (int minute = 5; minute <= 60; minute += 5) {
            Instant now = at(Duration.ofMinutes(minute));
            HeartbeatDue tick = HeartbeatClock.onTick(state, NUMENTA, now, now.minus(HeartbeatClock.TICK));
            assertThat(tick.action()).isEqualTo(HeartbeatDue.Action.NONE);
            state = HeartbeatClock.onBeat(tick.state(), now, now).state();
        }
        assertThat(state.firing()).isFalse();
        assertThat(state.deadline(NUMENTA.allowedSilence())).isEqualTo(at(Duration.ofMinutes(80)));
    }

    @Test
    void shouldFireOnceSilentForIntervalPlusGraceAndNotBefore() {
        HeartbeatState state = HeartbeatClock.onBeat(null, T0, T0).state();
        Instant justBefore = at(Duration.ofMinutes(20)).minusSeconds(1);

        HeartbeatDue quiet = HeartbeatClock.onTick(state, NUMENTA, justBefore, justBefore.minusSeconds(5));
        HeartbeatDue late = HeartbeatClock.onTick(quiet.state(), NUMENTA, at(Duration.ofMinutes(20)), justBefore);
        HeartbeatDue after =
                HeartbeatClock.onTick(late.state(), NUMENTA, at(Duration.ofMinutes(21)), at(Duration.ofMinutes(20)));

        assertThat(quiet.action()).isEqualTo(HeartbeatDue.Action.NONE);
        assertThat(late.action()).isEqualTo(HeartbeatDue.Action.FIRE);
        assertThat(late.state().firingSince()).isEqualTo(at(Duration.ofMinutes(20)));
        assertThat(late.reason()).contains("Last beat at " + T0).contains("expected every 5m");
        assertThat(after.action()).as("fires once").isEqualTo(HeartbeatDue.Action.NONE);
        assertThat(HeartbeatAlerts.title(NUMENTA, late.state(), at(Duration.ofMinutes(20))))
                .isEqualTo("No signals from detector numenta for 20m");
    }

    @Test
    void shouldFireAfterMissesTimesTheInterval() {
        HeartbeatRule rule = misses(3);
        HeartbeatState state = HeartbeatClock.onBeat(null, T0, T0).state();

        HeartbeatDue at29 = HeartbeatClock.onTick(state, rule, at(Duration.ofMinutes(29)), at(Duration.ofMinutes(29)));
        HeartbeatDue at30 =
                HeartbeatClock.onTick(at29.state(), rule, at(Duration.ofMinutes(30)), at(Duration.ofMinutes(29)));

        assertThat(rule.allowedSilence()).isEqualTo(Duration.ofMinutes(30));
        assertThat(at29.action()).isEqualTo(HeartbeatDue.Action.NONE);
        assertThat(at30.action()).isEqualTo(HeartbeatDue.Action.FIRE);
    }

    @Test
    void shouldWatchAHeartbeatNeverHeardFromFromTheFirstTickAndFireAfterItsAllowedSilence() {
        HeartbeatDue first = HeartbeatClock.onTick(null, NUMENTA, T0, null);
        HeartbeatDue quiet = tickThrough(
                first.state(), NUMENTA, T0, at(Duration.ofMinutes(20)).minusSeconds(5));
        HeartbeatDue fired = HeartbeatClock.onTick(
                quiet.state(),
                NUMENTA,
                at(Duration.ofMinutes(20)),
                at(Duration.ofMinutes(20)).minusSeconds(5));

        assertThat(first.action()).isEqualTo(HeartbeatDue.Action.NONE);
        assertThat(first.state().heardAt()).isEqualTo(T0);
        assertThat(fired.action()).isEqualTo(HeartbeatDue.Action.FIRE);
        assertThat(fired.reason()).startsWith("Never heard from since watched at " + T0);
    }

    @Test
    void shouldResolveWhenBeatsReturn() {
        HeartbeatState firing = HeartbeatClock.onTick(
                        HeartbeatClock.onBeat(null, T0, T0).state(),
                        NUMENTA,
                        at(Duration.ofMinutes(20)),
                        at(Duration.ofMinutes(20)).minusSeconds(5))
                .state();

        HeartbeatDue back = HeartbeatClock.onBeat(firing, at(Duration.ofMinutes(31)), at(Duration.ofMinutes(32)));

        assertThat(back.action()).isEqualTo(HeartbeatDue.Action.RESOLVE);
        assertThat(back.state().firing()).isFalse();
        assertThat(back.state().heardAt())
                .as("counts from when it was processed")
                .isEqualTo(at(Duration.ofMinutes(32)));
        assertThat(back.state().lastBeatAt()).isEqualTo(at(Duration.ofMinutes(31)));
        assertThat(back.reason()).contains("heard from again");
    }

    @Test
    void shouldIgnoreABeatOlderThanTheLatest() {
        HeartbeatState state = HeartbeatClock.onBeat(null, at(Duration.ofMinutes(10)), at(Duration.ofMinutes(10)))
                .state();

        HeartbeatDue old = HeartbeatClock.onBeat(state, at(Duration.ofMinutes(3)), at(Duration.ofMinutes(11)));

        assertThat(old.action()).isEqualTo(HeartbeatDue.Action.NONE);
        assertThat(old.state()).isEqualTo(state);
    }

    @Test
    void shouldNotCountAWindowThePipelineWasDownAsSilence() {
        HeartbeatState state = HeartbeatClock.onBeat(null, T0, T0).state();
        Instant stoppedAt = at(Duration.ofMinutes(10));
        Instant restartedAt = at(Duration.ofHours(3));

        HeartbeatDue restart = HeartbeatClock.onTick(state, NUMENTA, restartedAt, stoppedAt);

        assertThat(restart.action()).as("no page for the hours nobody watched").isEqualTo(HeartbeatDue.Action.NONE);
        assertThat(restart.state().paused()).isEqualTo(Duration.ofMinutes(170));
        assertThat(restart.state().deadline(NUMENTA.allowedSilence()))
                .as("the 10 minutes of allowed silence left at the stop are still left")
                .isEqualTo(restartedAt.plus(Duration.ofMinutes(10)));

        HeartbeatDue stillSilent = HeartbeatClock.onTick(
                restart.state(),
                NUMENTA,
                restartedAt.plus(Duration.ofMinutes(10)),
                restartedAt.plus(Duration.ofMinutes(10)).minusSeconds(5));

        assertThat(stillSilent.action()).isEqualTo(HeartbeatDue.Action.FIRE);
        assertThat(stillSilent.reason()).contains("The processor was stopped from " + stoppedAt + " to " + restartedAt);
        assertThat(HeartbeatAlerts.title(NUMENTA, stillSilent.state(), restartedAt.plus(Duration.ofMinutes(10))))
                .as("the silence it reports leaves the stop out")
                .isEqualTo("No signals from detector numenta for 20m");
    }

    @Test
    void shouldTreatAGapShorterThanTheIntervalAsOrdinaryTime() {
        HeartbeatState state = HeartbeatClock.onBeat(null, T0, T0).state();

        HeartbeatDue due = HeartbeatClock.onTick(state, NUMENTA, at(Duration.ofMinutes(4)), at(Duration.ofMinutes(1)));

        assertThat(due.state().paused()).isZero();
        assertThat(due.state().stoppedFrom()).isNull();
    }

    @Test
    void shouldNeverFireEveryHeartbeatAtOnceAfterARestart() {
        List<HeartbeatRule> rules = List.of(NUMENTA, misses(1), misses(3));
        Instant stoppedAt = at(Duration.ofMinutes(9));
        Instant restartedAt = at(Duration.ofDays(1));

        for (HeartbeatRule rule : rules) {
            HeartbeatState state = HeartbeatClock.onBeat(null, at(Duration.ofMinutes(5)), at(Duration.ofMinutes(5)))
                    .state();
            assertThat(HeartbeatClock.onTick(state, rule, restartedAt, stoppedAt)
                            .action())
                    .as(rule.id() + " " + rule.allowedSilence())
                    .isEqualTo(HeartbeatDue.Action.NONE);
        }
    }

    @Test
    void shouldForgetAHeartbeatWhoseRuleWentAndResolveItIfFiring() {
        HeartbeatState quiet = HeartbeatState.watchedFrom(T0);
        HeartbeatState firing = HeartbeatClock.onTick(quiet, NUMENTA, at(Duration.ofHours(1)), at(Duration.ofHours(1)))
                .state();

        assertThat(HeartbeatClock.onRuleRemoved(quiet).action()).isEqualTo(HeartbeatDue.Action.NONE);
        assertThat(HeartbeatClock.onRuleRemoved(quiet).state()).isNull();
        assertThat(HeartbeatClock.onRuleRemoved(firing).action()).isEqualTo(HeartbeatDue.Action.RESOLVE);
    }
}
