package io.alertbridge.connectors.slack.sink;

import io.alertbridge.schemas.model.NotificationCommand;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans a batch of notifications of one partition so that a backlog (after an outage or a restart) is caught up in
 * order per incident, without replaying stale states: of all the snapshots (POST, UPDATE) of one incident in the
 * batch, only the newest is rendered, at the place of the first one, so the message exists before the thread
 * replies that follow it and shows the latest state at once; the others are superseded. Digests are coalesced the
 * same way (the last one wins). Replies and channel commands all run, in their order. A pure function.
 */
public final class CatchUpPlanner {

    private CatchUpPlanner() {}

    /**
     * One planned notification.
     *
     * @param index its place in the batch
     * @param command what to carry out there: the command itself, or a newer snapshot of the same incident in its
     *     place; null when superseded
     */
    public record Step(int index, NotificationCommand command) {
        public boolean superseded() {
            return command == null;
        }
    }

    /** The plan of a batch; unreadable entries (null) stay in place as steps with a null command. */
    public static List<Step> plan(List<NotificationCommand> batch) {
        Map<String, Integer> newest = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            NotificationCommand c = batch.get(i);
            String key = snapshotKey(c);
            if (key != null) {
                Integer best = newest.get(key);
                if (best == null || isNewer(c, batch.get(best))) {
                    newest.put(key, i);
                }
            }
        }
        List<Step> steps = new ArrayList<>(batch.size());
        Map<String, Boolean> placed = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            NotificationCommand c = batch.get(i);
            String key = snapshotKey(c);
            if (key == null) {
                steps.add(new Step(i, c));
            } else if (placed.putIfAbsent(key, Boolean.TRUE) == null) {
                steps.add(new Step(i, inPlaceOf(c, batch.get(newest.get(key)))));
            } else {
                steps.add(new Step(i, null));
            }
        }
        return steps;
    }

    /** The key under which snapshots coalesce, or null for commands that all run. */
    static String snapshotKey(NotificationCommand c) {
        if (c == null) {
            return null;
        }
        return switch (c.type()) {
            case POST, UPDATE -> "incident:" + c.incident().incidentId();
            case DIGEST -> "digest:" + c.digest().digestId();
            default -> null;
        };
    }

    /** Later in the batch wins, except that an incident snapshot with a lower version never beats a higher one. */
    private static boolean isNewer(NotificationCommand candidate, NotificationCommand best) {
        if (candidate.incident() != null && best.incident() != null) {
            return candidate.incident().version() >= best.incident().version();
        }
        return true;
    }

    /**
     * The newest snapshot, carried out in the first one's place, with the newest command id. A POST keeps its type
     * and its mention: the route's mentions belong to the first post of an incident, and an update never carries
     * one, so without this a backlog caught up after an outage would post its incidents without paging anyone.
     */
    private static NotificationCommand inPlaceOf(NotificationCommand first, NotificationCommand newest) {
        if (first == newest) {
            return first;
        }
        NotificationCommand replacement = newest.withType(first.type());
        if (first.type() == NotificationCommand.Type.POST && replacement.mention() == null) {
            return replacement.withMention(first.mention());
        }
        return replacement;
    }
}
