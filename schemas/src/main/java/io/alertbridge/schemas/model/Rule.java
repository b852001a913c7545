package io.alertbridge.schemas.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * An operator's rule: value of the compacted {@code alertbridge.rules} topic, keyed by {@link #id()}; a tombstone
 * deletes it. The {@code kind} property in JSON selects the variant.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RouteRule.class, name = "route"),
    @JsonSubTypes.Type(value = SilenceRule.class, name = "silence"),
    @JsonSubTypes.Type(value = ThresholdRule.class, name = "threshold"),
    @JsonSubTypes.Type(value = HeartbeatRule.class, name = "heartbeat"),
    @JsonSubTypes.Type(value = InhibitRule.class, name = "inhibit"),
    @JsonSubTypes.Type(value = ReportRule.class, name = "report")
})
public sealed interface Rule permits RouteRule, SilenceRule, ThresholdRule, HeartbeatRule, InhibitRule, ReportRule {

    /** Unique id of the rule; the key on the rules topic. */
    String id();

    /** The matchers that select what this rule applies to; all must match. Empty matches everything. */
    List<Matcher> matchers();
}
