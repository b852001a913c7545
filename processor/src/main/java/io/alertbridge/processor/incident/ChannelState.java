package io.alertbridge.processor.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The throttle's view of one Slack channel: its pace budgets, the recent arrival of new incidents (storm detection)
 * and its storm digest.
 *
 * @param channel the channel
 * @param nextPostAt the earliest instant of the next post
 * @param updates instants of the edits of the last minute
 * @param channelOps instants of the incident-channel operations of the last minute
 * @param arrivals instants of new incidents as state written before {@code arrivalsPerSecond} held them; folded
 *     into {@code arrivalsPerSecond} when read, always empty when written
 * @param stormSince when the current storm began, or null when there is none
 * @param stormLimit the limit that started the current storm (decides when it ends)
 * @param digest the channel's digest, or null
 * @param dueAt when the channel's timer should look again (digest sends, storm end), or null
 * @param arrivalsPerSecond new incidents of the last minute, counted per second of their arrival: at most sixty
 *     entries whatever the storm limit, where a list of instants would hold the limit's worth (a route allowing
 *     100,000 new incidents a minute made every throttle decision copy and rewrite 100,000 instants); the count of
 *     "the last minute" is therefore exact to the second
 */
public record ChannelState(
        String channel,
        Instant nextPostAt,
        List<Instant> updates,
        List<Instant> channelOps,
        List<Instant> arrivals,
        Instant stormSince,
        int stormLimit,
        DigestState digest,
        Instant dueAt,
        List<SecondCount> arrivalsPerSecond) {

    static final Duration MINUTE = Duration.ofMinutes(1);

    public ChannelState {
        updates = updates == null ? List.of() : List.copyOf(updates);
        channelOps = channelOps == null ? List.of() : List.copyOf(channelOps);
        List<SecondCount> counts = arrivalsPerSecond == null ? new ArrayList<>() : new ArrayList<>(arrivalsPerSecond);
        if (arrivals != null) {
            arrivals.forEach(at -> SecondCount.add(counts, at));
        }
        arrivals = List.of();
        arrivalsPerSecond = List.copyOf(counts);
    }

    /** A channel nobody has posted to. */
    public static ChannelState empty(String channel) {
        return new ChannelState(channel, Instant.EPOCH, null, null, null, null, 0, null, null, null);
    }

    /**
     * How many new incidents arrived in one second.
     *
     * @param second the second, in epoch seconds
     * @param count how many arrived in it
     */
    public record SecondCount(long second, int count) {

        /** Counts one arrival at {@code at} into {@code counts} (kept in order of their seconds). */
        static void add(List<SecondCount> counts, Instant at) {
            long second = at.getEpochSecond();
            for (int i = counts.size() - 1; i >= 0; i--) {
                SecondCount entry = counts.get(i);
                if (entry.second == second) {
                    counts.set(i, new SecondCount(second, entry.count + 1));
                    return;
                }
                if (entry.second < second) {
                    counts.add(i + 1, new SecondCount(second, 1));
                    return;
                }
            }
            counts.add(0, new SecondCount(second, 1));
        }

        /** True while this second is within the minute that ends at {@code now}. */
        boolean withinMinuteOf(Instant now) {
            return second > now.minus(MINUTE).getEpochSecond();
        }
    }

    /** True when a storm is on. */
    public boolean inStorm() {
        return stormSince != null;
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable working copy with the budget arithmetic, used inside one decision. */
    static final class Builder {
        final String channel;
        Instant nextPostAt;
        final List<Instant> updates;
        final List<Instant> channelOps;
        final List<SecondCount> arrivals;
        Instant stormSince;
        int stormLimit;
        DigestState.Builder digest;
        Instant dueAt;

        Builder(ChannelState c) {
            channel = c.channel;
            nextPostAt = c.nextPostAt;
            updates = new ArrayList<>(c.updates);
            channelOps = new ArrayList<>(c.channelOps);
            arrivals = new ArrayList<>(c.arrivalsPerSecond);
            stormSince = c.stormSince;
            stormLimit = c.stormLimit;
            digest = c.digest == null ? null : c.digest.toBuilder();
            dueAt = c.dueAt;
        }

        boolean canPost(Instant now) {
            return !now.isBefore(nextPostAt);
        }

        void posted(Instant now, Duration spacing) {
            nextPostAt = now.plus(spacing);
        }

        boolean canUpdate(Instant now, int perMinute) {
            return inLastMinute(updates, now) < perMinute;
        }

        void updated(Instant now) {
            record(updates, now);
        }

        Instant nextUpdateAt(Instant now, int perMinute) {
            return freedAt(updates, now, perMinute);
        }

        boolean canOperate(Instant now, int perMinute) {
            return inLastMinute(channelOps, now) < perMinute;
        }

        void operated(Instant now) {
            record(channelOps, now);
        }

        Instant nextOperationAt(Instant now, int perMinute) {
            return freedAt(channelOps, now, perMinute);
        }

        /** Records a new incident; returns how many arrived within the last minute, this one included. */
        int arrived(Instant now) {
            arrivals.removeIf(entry -> !entry.withinMinuteOf(now));
            SecondCount.add(arrivals, now);
            return arrivalsInLastMinute(now);
        }

        int arrivalsInLastMinute(Instant now) {
            int count = 0;
            for (SecondCount entry : arrivals) {
                if (entry.withinMinuteOf(now)) {
                    count += entry.count();
                }
            }
            return count;
        }

        ChannelState build() {
            return new ChannelState(
                    channel,
                    nextPostAt,
                    updates,
                    channelOps,
                    null,
                    stormSince,
                    stormLimit,
                    digest == null ? null : digest.build(),
                    dueAt,
                    arrivals);
        }

        private static void record(List<Instant> instants, Instant now) {
            instants.removeIf(at -> !at.isAfter(now.minus(MINUTE)));
            instants.add(now);
        }

        private static int inLastMinute(List<Instant> instants, Instant now) {
            Instant from = now.minus(MINUTE);
            int count = 0;
            for (Instant at : instants) {
                if (at.isAfter(from)) {
                    count++;
                }
            }
            return count;
        }

        /** When the oldest of the last minute's entries leaves the window, freeing one slot. */
        private static Instant freedAt(List<Instant> instants, Instant now, int perMinute) {
            List<Instant> recent = instants.stream()
                    .filter(at -> at.isAfter(now.minus(MINUTE)))
                    .sorted()
                    .toList();
            if (recent.size() < perMinute) {
                return now;
            }
            return recent.get(recent.size() - perMinute).plus(MINUTE);
        }
    }
}
