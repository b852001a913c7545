package io.alertbridge.schemas.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One beat of a heartbeat received outside the topology's own inputs (today: a ping, {@code POST /heartbeat/<name>}):
 * value of {@code alertbridge.heartbeats}, keyed by {@link #name()}.
 *
 * @param name the heartbeat's name (its rule id)
 * @param at when the beat was received
 * @param origin how it came: {@code ping}
 * @param note what the pinger said (the request body, bounded), or null
 */
public record HeartbeatBeat(String name, Instant at, String origin, String note) {

    /** Longest note kept. */
    public static final int MAX_NOTE = 512;

    public HeartbeatBeat {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(origin, "origin");
        if (note != null && note.length() > MAX_NOTE) {
            note = note.substring(0, MAX_NOTE);
        }
    }
}
