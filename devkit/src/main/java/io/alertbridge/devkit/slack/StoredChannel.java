package io.alertbridge.devkit.slack;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * A channel as the workspace holds it. Mutable; guarded by the {@link WorkspaceState}'s lock, never handed out.
 * Message timestamps have a fixed width, so ordering them as strings orders them in time.
 */
final class StoredChannel {

    final String id;
    final String name;
    final boolean isPrivate;
    final boolean isGeneral;
    final String creator;
    final long created;
    final Set<String> members = new LinkedHashSet<>();
    boolean archived;
    String topic = "";
    String purpose = "";

    /** Channel messages (not replies) by ts, oldest first. */
    final TreeMap<String, StoredMessage> messages = new TreeMap<>();
    /** Every message, replies included, by ts. */
    final TreeMap<String, StoredMessage> byTs = new TreeMap<>();

    StoredChannel(String id, String name, boolean isPrivate, boolean isGeneral, String creator, long created) {
        this.id = id;
        this.name = name;
        this.isPrivate = isPrivate;
        this.isGeneral = isGeneral;
        this.creator = creator;
        this.created = created;
    }

    SlackChannel snapshot() {
        return new SlackChannel(id, name, isPrivate, archived, creator, created, members);
    }
}
