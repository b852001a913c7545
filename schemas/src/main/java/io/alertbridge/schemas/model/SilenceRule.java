package io.alertbridge.schemas.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A silence or maintenance window: matching events between {@code startsAt} and {@code endsAt} are recorded on
 * their incident but never notified. A RESOLVED always passes, so incidents can close.
 *
 * @param id rule id
 * @param matchers what is silenced; must not be empty (silencing everything is never what anyone meant)
 * @param startsAt start of the window
 * @param endsAt end of the window (exclusive)
 * @param reason why, shown on the timeline
 * @param createdBy who created it
 */
public record SilenceRule(
        String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String reason, String createdBy)
        implements Rule {

    public SilenceRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        matchers = Collections2.list(matchers);
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("a silence needs at least one matcher");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("endsAt must be after startsAt");
        }
    }

    /** True when the window covers the instant. */
    public boolean isActiveAt(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }
}
