package io.alertbridge.processor.topology;

import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.NotificationCommand.Type;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An outage storm: {@code resources} EC2 instances, each raising {@code alarmsPerResource} distinct CloudWatch alarms,
 * spread evenly over {@code spread}, across three teams whose alarms are named {@code team-a-...}, {@code team-b-...}
 * and {@code team-c-...}; and the accounting that proves nothing was dropped.
 */
public record StormScenario(int resources, int alarmsPerResource, Duration spread) {

    /** The teams, one channel each. */
    public static final List<String> TEAMS = List.of("a", "b", "c");

    /**
     * One alarm entering ALARM, and when.
     *
     * @param at when
     * @param alarmName the alarm's name
     * @param instanceId the instance it watches
     */
    public record Alarm(Instant at, String alarmName, String instanceId) {}

    /** The alarms, in time order, starting at {@code start}. */
    public List<Alarm> alarms(Instant start) {
        int total = resources * alarmsPerResource;
        List<Alarm> out = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            int resource = i % resources;
            int alarm = i / resources;
            String team = TEAMS.get(resource % TEAMS.size());
            out.add(new Alarm(
                    start.plusMillis(spread.toMillis() * i / total),
                    "team-" + team + "-m" + alarm + "-r" + resource,
                    "i-r" + resource));
        }
        return out;
    }

    /**
     * Where the alarms ended up.
     *
     * @param incidents distinct incidents on the incidents topic
     * @param alertsInIncidents the alerts those incidents hold (their latest alert counts)
     * @param incidentsWithMessage incidents posted with a message of their own
     * @param alertsInMessages alerts shown in those messages (the last sent snapshot of each)
     * @param incidentsInDigests incidents counted in digests (the last sent digest of each)
     * @param alertsInDigests alerts counted in digests
     */
    public record Accounting(
            int incidents,
            int alertsInIncidents,
            int incidentsWithMessage,
            int alertsInMessages,
            int incidentsInDigests,
            int alertsInDigests) {}

    /** Accounts for the alerts in what was sent. */
    public static Accounting account(List<NotificationCommand> commands, List<Incident> incidentUpdates) {
        Map<String, Incident> latest = new HashMap<>();
        incidentUpdates.forEach(i -> latest.merge(i.incidentId(), i, (a, b) -> b.version() >= a.version() ? b : a));
        Map<String, Incident> shown = new HashMap<>();
        Map<String, NotificationCommand.Digest> digests = new HashMap<>();
        for (NotificationCommand command : commands) {
            if (command.type() == Type.POST || command.type() == Type.UPDATE) {
                shown.merge(command.incidentId(), command.incident(), (a, b) -> b.version() >= a.version() ? b : a);
            } else if (command.type() == Type.DIGEST) {
                digests.put(command.digest().digestId(), command.digest());
            }
        }
        return new Accounting(
                latest.size(),
                latest.values().stream().mapToInt(Incident::alertCount).sum(),
                shown.size(),
                shown.values().stream().mapToInt(Incident::alertCount).sum(),
                digests.values().stream()
                        .mapToInt(NotificationCommand.Digest::incidentCount)
                        .sum(),
                digests.values().stream()
                        .mapToInt(NotificationCommand.Digest::alertCount)
                        .sum());
    }

    /** Each channel's first alarm ({@code team-a-...} goes to {@code #team-a}). */
    public static Map<String, Instant> firstAlarmPerChannel(List<Alarm> alarms) {
        Map<String, Instant> out = new TreeMap<>();
        for (Alarm alarm : alarms) {
            String team = alarm.alarmName().substring(0, alarm.alarmName().indexOf('-', "team-".length()));
            out.merge("#" + team, alarm.at(), (a, b) -> a.isBefore(b) ? a : b);
        }
        return out;
    }

    /** The commands by kind as people see them: a digest's first send is a post, its later sends edits. */
    public static Map<String, Integer> mix(List<NotificationCommand> commands) {
        Map<String, Integer> out = new TreeMap<>();
        Set<String> digests = new HashSet<>();
        for (NotificationCommand command : commands) {
            String kind = command.type() == Type.DIGEST
                    ? (digests.add(command.digest().digestId()) ? "digest post" : "digest edit")
                    : command.type().name();
            out.merge(kind, 1, Integer::sum);
        }
        return out;
    }

    /** Slack's {@code chat.update} budget: Tier 3, 50 calls a minute for the whole workspace. */
    static final int EDITS_PER_MINUTE = 50;

    /**
     * What a strict Slack would refuse with 429, by Slack's documented limits, read strictly: new messages
     * ({@code chat.postMessage}: posts, thread replies, escalations, a digest's first send) at most one per second per
     * channel, with no burst allowance; edits ({@code chat.update}: updates, a digest's later sends) at most
     * {@value #EDITS_PER_MINUTE} within any minute across the workspace. Each command is taken as one call at its
     * {@code createdAt}.
     */
    public static List<String> paceViolations(List<NotificationCommand> commands) {
        List<String> out = new ArrayList<>();
        Map<String, Instant> lastPost = new HashMap<>();
        List<Instant> edits = new ArrayList<>();
        Set<String> digests = new HashSet<>();
        for (NotificationCommand command : commands) {
            boolean edit = command.type() == Type.UPDATE
                    || (command.type() == Type.DIGEST
                            && !digests.add(command.digest().digestId()));
            Instant at = command.createdAt();
            if (edit) {
                edits.add(at);
                long inMinute = edits.stream()
                        .filter(e -> e.isAfter(at.minus(Duration.ofMinutes(1))))
                        .count();
                if (inMinute > EDITS_PER_MINUTE) {
                    out.add(inMinute + " edits in the minute up to " + at);
                }
            } else if (command.type() != Type.CHANNEL_CREATE
                    && command.type() != Type.CHANNEL_INVITE
                    && command.type() != Type.CHANNEL_KICK
                    && command.type() != Type.CHANNEL_ARCHIVE) {
                Instant previous = lastPost.put(command.channel(), at);
                if (previous != null && Duration.between(previous, at).compareTo(Duration.ofSeconds(1)) < 0) {
                    out.add("two posts to " + command.channel() + " within a second at " + at);
                }
            }
        }
        return out;
    }

    /** Commands per channel per minute since {@code start}. */
    public static Map<String, Map<Long, Long>> perChannelPerMinute(List<NotificationCommand> commands, Instant start) {
        Map<String, Map<Long, Long>> out = new TreeMap<>();
        for (NotificationCommand command : commands) {
            long minute = Duration.between(start, command.createdAt()).toMinutes();
            out.computeIfAbsent(command.channel(), c -> new TreeMap<>()).merge(minute, 1L, Long::sum);
        }
        return out;
    }
}
