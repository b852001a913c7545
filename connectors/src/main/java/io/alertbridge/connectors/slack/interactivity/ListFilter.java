package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.Severity;

import java.util.Locale;
import java.util.Set;

/**
 * The filters of {@code /alerts list}: by channel, severity and service. Each is a set of accepted values; an
 * empty set accepts everything. Channels are compared without a leading {@code #} and in any case, against the
 * incident's routed channel (a name or an id). The service is the incident's {@code service} group label.
 * Immutable and thread-safe.
 *
 * @param channels accepted channel names or ids (normalised: no {@code #}, lower case)
 * @param severities accepted severities
 * @param services accepted services (lower case)
 */
record ListFilter(Set<String> channels, Set<Severity> severities, Set<String> services) {

    /** The filter that accepts every incident. */
    static final ListFilter ALL = new ListFilter(Set.of(), Set.of(), Set.of());

    ListFilter {
        channels = Set.copyOf(channels);
        severities = Set.copyOf(severities);
        services = Set.copyOf(services);
    }

    /** True when the incident passes every filter. */
    boolean test(Incident incident) {
        if (!severities.isEmpty() && !severities.contains(incident.severity())) {
            return false;
        }
        if (!channels.isEmpty() && !channels.contains(normaliseChannel(incident.channel()))) {
            return false;
        }
        if (!services.isEmpty()) {
            String service = incident.groupLabels().get("service");
            return service != null && services.contains(service.toLowerCase(Locale.ROOT));
        }
        return true;
    }

    /**
     * This filter with the word {@code here} replaced by the channel the command was typed in (its id and name).
     */
    ListFilter resolveHere(String channelId, String channelName) {
        if (!channels.contains("here")) {
            return this;
        }
        Set<String> resolved = new java.util.HashSet<>(channels);
        resolved.remove("here");
        if (channelId != null && !channelId.isBlank()) {
            resolved.add(normaliseChannel(channelId));
        }
        if (channelName != null && !channelName.isBlank()) {
            resolved.add(normaliseChannel(channelName));
        }
        return new ListFilter(resolved, severities, services);
    }

    /** True when nothing is filtered. */
    boolean isEmpty() {
        return channels.isEmpty() && severities.isEmpty() && services.isEmpty();
    }

    static String normaliseChannel(String channel) {
        String c = channel.strip();
        if (c.startsWith("#")) {
            c = c.substring(1);
        }
        return c.toLowerCase(Locale.ROOT);
    }

    /** A short description for the answer's heading, e.g. {@code severity critical · service api}. */
    String describe() {
        StringBuilder out = new StringBuilder();
        append(out, "channel", channels.stream().map(c -> "#" + c).sorted().toList());
        append(
                out,
                "severity",
                severities.stream()
                        .map(s -> s.name().toLowerCase(Locale.ROOT))
                        .sorted()
                        .toList());
        append(out, "service", services.stream().sorted().toList());
        return out.toString();
    }

    private static void append(StringBuilder out, String name, java.util.List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        if (out.length() > 0) {
            out.append(" · ");
        }
        out.append(name).append(' ').append(String.join(", ", values));
    }
}
