package io.alertbridge.schemas.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;
import java.util.Objects;

/**
 * An inhibition rule, as in Alertmanager: while an alert matching {@code sourceMatchers} fires, alerts matching
 * {@code targetMatchers} that carry the same values of every {@code equal} label are recorded on their incident and
 * never notified; when the last such source resolves, the targets that still fire are notified. An alert never
 * inhibits itself.
 *
 * <p>A label absent from an alert counts as the empty value, as in Alertmanager, so an {@code equal} label neither
 * alert carries matches (and one that only one of them carries does not).
 *
 * @param id rule id
 * @param sourceMatchers what inhibits (for example the region-wide alarm); all must match
 * @param targetMatchers what is inhibited (for example the instance alarms of that region); all must match
 * @param equal labels whose values source and target must share (for example {@code region}); empty: any source
 *     inhibits every target
 */
public record InhibitRule(String id, List<Matcher> sourceMatchers, List<Matcher> targetMatchers, List<String> equal)
        implements Rule {

    public InhibitRule {
        Objects.requireNonNull(id, "id");
        sourceMatchers = Collections2.list(sourceMatchers);
        targetMatchers = Collections2.list(targetMatchers);
        equal = Collections2.list(equal);
    }

    /** What the rule applies to: its targets. */
    @Override
    @JsonIgnore
    public List<Matcher> matchers() {
        return targetMatchers;
    }
}
