package io.alertbridge.connectors.slack.rendering;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.slack.api.model.Attachment;
import com.slack.api.model.Message;
import com.slack.api.model.block.ImageBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.composition.SlackFileObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import io.alertbridge.connectors.slack.MessageTemplate;
import io.alertbridge.schemas.aws.Arn;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.Link;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.serde.Json;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.staticSelect;

/**
 * Renders incidents, timeline replies and storm digests as Slack messages, with the SDK's Block Kit builders.
 *
 * <p>An incident's message: a headline (state, severity, title; the notification text), and one attachment whose
 * colour says the state (red open, amber acknowledged, green resolved) holding the key labels as fields, the
 * member alerts worst first ({@link IncidentMember#WORST_FIRST}) with their states and console links (anomalies
 * with their detector, peak score and series), who acknowledged or resolved it and when, the incident channel, the
 * buttons and a footer. At full detail the {@link #DETAILED_MEMBERS} worst members also show their description
 * (often the alarm's runbook) as a quote of at most {@link #MAX_DESCRIPTION_CHARS} characters and all their links;
 * the next ones the start of their description on one line. Every text that came from outside goes through
 * {@link MrkdwnEscaper}: single-line fields (titles, names, labels) through {@code escapeLine}, descriptions
 * through {@code escape}, which keeps their line breaks. Slack's limits hold by construction: at most 50 blocks, section texts
 * under 3,000 characters, fields under 2,000; a big incident lists {@link MessageTemplate#maxMembers()} members
 * and collapses the rest into "and 37 more". Mentions are added only when the caller passes them, and never to a
 * resolved incident.
 *
 * <p>Buttons carry action ids {@link #ACTION_ACKNOWLEDGE}, {@link #ACTION_UNACKNOWLEDGE} and
 * {@link #ACTION_RESOLVE}, and a JSON value {@code {"incidentId":..,"groupKey":..}}. Snooze is a
 * {@code static_select} with action id {@link #ACTION_SNOOZE} whose options (1 h, 4 h, tomorrow 09:00) carry the
 * same JSON plus {@code "snooze"}: {@code PT1H}, {@code PT4H} or {@code tomorrow-morning}; an option's value
 * must stay under Slack's 150 characters, so a long group key is left out of it. Message metadata has event type {@link #INCIDENT_EVENT_TYPE} and payload {@code incident_id},
 * {@code group_key}, {@code version}; replies {@link #TIMELINE_EVENT_TYPE} with {@code incident_id} and
 * {@code command_id}; digests {@link #DIGEST_EVENT_TYPE} with {@code digest_id}.
 *
 * <p>Thread-safe: holds only a clock.
 */
public final class IncidentMessageRenderer {

    /** Metadata event type of an incident's main message. */
    public static final String INCIDENT_EVENT_TYPE = "alertbridge_incident";
    /** Metadata event type of a thread reply. */
    public static final String TIMELINE_EVENT_TYPE = "alertbridge_timeline";
    /** Metadata event type of a storm digest. */
    public static final String DIGEST_EVENT_TYPE = "alertbridge_digest";

    public static final String ACTION_ACKNOWLEDGE = "alertbridge_acknowledge";
    public static final String ACTION_UNACKNOWLEDGE = "alertbridge_unacknowledge";
    public static final String ACTION_RESOLVE = "alertbridge_resolve";
    public static final String ACTION_SNOOZE = "alertbridge_snooze";

    /** The action id prefix of a route's link buttons ({@code alertbridge_link_0}, ...). */
    public static final String ACTION_LINK_PREFIX = "alertbridge_link_";

    /** Slack's limit of blocks per message. */
    public static final int MAX_BLOCKS = 50;
    /** Slack's limit of a section's text; the renderer keeps a margin under it. */
    public static final int MAX_SECTION_CHARS = 3000;

    public static final int MAX_FIELD_CHARS = 2000;
    /** Slack's limit on an image block's alt text. */
    static final int MAX_ALT_TEXT_CHARS = 2000;

    static final int MAX_TITLE_CHARS = 300;
    /** A worst member's description, escaped, as shown (a member keeps at most 1,000 characters of it). */
    static final int MAX_DESCRIPTION_CHARS = 1000;
    /** Lines of a worst member's description shown. */
    static final int MAX_DESCRIPTION_LINES = 12;
    /** The other members' description, on one line. */
    static final int MAX_SHORT_DESCRIPTION_CHARS = 200;
    /** Members, worst first, whose description and links are shown in full (in FULL detail). */
    static final int DETAILED_MEMBERS = 3;

    static final int MAX_NOTE_CHARS = 100;
    static final int MAX_LINK_LABEL_CHARS = 100;
    static final int MAX_URL_CHARS = 1000;
    static final int MAX_LINK_CHARS = 1400;
    static final int MAX_BUTTON_VALUE_CHARS = 2000;
    /** Slack's limit of a select option's value. */
    static final int MAX_OPTION_VALUE_CHARS = 150;

    static final int MAX_DIGEST_ENTRIES = 20;

    /**
     * The snooze menu: label and choice (the {@code snooze} of the option's value), in the order shown. The choices
     * are those interactivity understands ({@code SnoozeTimes}); "tomorrow-morning" is its configured morning,
     * 09:00 unless {@code interactivity.morning} says otherwise.
     */
    static final List<Map.Entry<String, String>> SNOOZE_CHOICES = List.of(
            Map.entry("1 h", Duration.ofHours(1).toString()),
            Map.entry("4 h", Duration.ofHours(4).toString()),
            Map.entry("Tomorrow 09:00", "tomorrow-morning"));

    private static final int SECTION_BUDGET = MAX_SECTION_CHARS - 100;
    private static final Pattern MENTION =
            Pattern.compile("<(@[UW][A-Z0-9]+|!subteam\\^[A-Z0-9]+(\\|[^<>]*)?|!here|!channel|!everyone)>");
    private static final Pattern MENTION_SEPARATOR = Pattern.compile("(?<=>)\\s+");
    private static final Pattern SLACK_USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");

    private final Clock clock;

    /** A renderer that decides "snoozed" against the given clock. */
    public IncidentMessageRenderer(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** How much of an incident to show: the sink renders smaller when Slack refuses a message as too big. */
    public enum Detail {
        FULL,
        COMPACT,
        MINIMAL;

        /** The next smaller detail, or empty at {@link #MINIMAL}. */
        public Optional<Detail> smaller() {
            return this == MINIMAL ? Optional.empty() : Optional.of(values()[ordinal() + 1]);
        }
    }

    /**
     * What, beyond the incident itself, shapes its message.
     *
     * @param template the route's template
     * @param detail how much to show
     * @param mentions mentions to put in the notification text (only on the first post of an unresolved incident)
     * @param incidentChannelId the incident's own channel, or null
     * @param graph the graph to show under the labels; {@link GraphView#NONE} for none
     * @param linkButtons the route's link buttons, already rendered for this incident ({@link LinkButtons}); shown
     *     as URL buttons after Acknowledge, Resolve and Snooze, also on a resolved incident
     */
    public record View(
            MessageTemplate template,
            Detail detail,
            List<String> mentions,
            String incidentChannelId,
            GraphView graph,
            List<Link> linkButtons) {
        public View {
            template = template == null ? MessageTemplate.DEFAULT : template;
            detail = detail == null ? Detail.FULL : detail;
            mentions = mentions == null ? List.of() : List.copyOf(mentions);
            graph = graph == null ? GraphView.NONE : graph;
            linkButtons = linkButtons == null ? List.of() : List.copyOf(linkButtons);
        }

        /** A view without link buttons. */
        public View(
                MessageTemplate template,
                Detail detail,
                List<String> mentions,
                String incidentChannelId,
                GraphView graph) {
            this(template, detail, mentions, incidentChannelId, graph, List.of());
        }

        /** A view without a graph. */
        public View(MessageTemplate template, Detail detail, List<String> mentions, String incidentChannelId) {
            this(template, detail, mentions, incidentChannelId, GraphView.NONE);
        }

        /** The default view: default template, full detail, no mentions, no incident channel. */
        public static View standard() {
            return new View(MessageTemplate.DEFAULT, Detail.FULL, List.of(), null);
        }

        /** This view at another detail. */
        public View withDetail(Detail other) {
            return new View(template, other, mentions, incidentChannelId, graph, linkButtons);
        }
    }

    /** The incident's main message. */
    public RenderedMessage render(Incident incident, View view) {
        MessageTemplate template = view.template();
        Map<String, String> values = placeholderValues(incident);
        String headline = MessageTemplate.fill(template.headline(), values, label -> labelValue(incident, label));
        if (incident.isSnoozedAt(clock.instant()) && incident.state() != IncidentState.RESOLVED) {
            headline += " :zzz:";
        }
        String mentions = incident.state() == IncidentState.RESOLVED ? "" : mentionPrefix(view.mentions());
        String text = MrkdwnEscaper.truncate(mentions + headline, MAX_SECTION_CHARS);

        List<LayoutBlock> blocks = new ArrayList<>();
        if (view.detail() != Detail.MINIMAL) {
            labelsBlock(incident, template).ifPresent(blocks::add);
        }
        // The graph goes right under the labels: it is what people decide from. A smaller rendering (Slack refused
        // the message as too large) keeps it at COMPACT and drops it at MINIMAL.
        if (view.detail() != Detail.MINIMAL) {
            blocks.addAll(graphBlocks(view.graph()));
        }
        int memberLimit =
                switch (view.detail()) {
                    case FULL -> template.maxMembers();
                    case COMPACT -> Math.min(3, template.maxMembers());
                    case MINIMAL -> 0;
                };
        List<LayoutBlock> tail = new ArrayList<>();
        statusBlock(incident).ifPresent(tail::add);
        if (view.incidentChannelId() != null) {
            tail.add(context(
                    "channel",
                    List.of(markdownText(
                            ":busts_in_silhouette: Incident channel: <#" + view.incidentChannelId() + ">"))));
        }
        List<BlockElement> actionElements = new ArrayList<>();
        if (template.buttons() && incident.state() != IncidentState.RESOLVED) {
            actionElements.addAll(actionElements(incident));
        }
        actionElements.addAll(linkButtonElements(view.linkButtons()));
        if (!actionElements.isEmpty()) {
            tail.add(actions("incident_actions", actionElements));
        }
        if (view.detail() != Detail.MINIMAL && !template.footer().isBlank()) {
            String footer = MessageTemplate.fill(template.footer(), values, label -> labelValue(incident, label));
            tail.add(context("footer", List.of(markdownText(MrkdwnEscaper.truncate(footer, MAX_FIELD_CHARS)))));
        }
        int room = MAX_BLOCKS - blocks.size() - tail.size() - 1;
        blocks.addAll(memberBlocks(incident, memberLimit, room, view.detail() == Detail.FULL));
        blocks.addAll(tail);

        Attachment attachment = Attachment.builder()
                .color(colour(incident.state()))
                .fallback(text)
                .blocks(blocks)
                .build();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("incident_id", incident.incidentId());
        payload.put("group_key", incident.groupKey());
        payload.put("version", incident.version());
        return new RenderedMessage(
                text, List.of(), List.of(attachment), new Message.Metadata(INCIDENT_EVENT_TYPE, payload));
    }

    /**
     * A thread reply carrying one line of the timeline. {@code mention} (from the route's escalation) is added
     * unless the incident is resolved; the text is escaped.
     */
    public RenderedMessage reply(String incidentId, String commandId, String text, String mention, boolean resolved) {
        return reply(incidentId, commandId, text, mention, resolved, null);
    }

    /**
     * A thread reply as {@link #reply(String, String, String, String, boolean)}, with the UTC times that start the
     * timeline's lines shown as Slack dates, resolved against {@code sentAt} ({@link SlackDates#timelineTimes}).
     */
    public RenderedMessage reply(
            String incidentId, String commandId, String text, String mention, boolean resolved, Instant sentAt) {
        String prefix = resolved || mention == null ? "" : mentionPrefix(List.of(mention));
        String escaped = SlackDates.timelineTimes(MrkdwnEscaper.escape(text), sentAt);
        String body = MrkdwnEscaper.truncate(prefix + escaped, MAX_SECTION_CHARS);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("incident_id", incidentId == null ? "" : incidentId);
        payload.put("command_id", commandId);
        return new RenderedMessage(body, List.of(), List.of(), new Message.Metadata(TIMELINE_EVENT_TYPE, payload));
    }

    /**
     * A storm digest: how many incidents and alerts, how many of them resolved, and the most recent incidents; once
     * the storm is over, says so and how many are still open.
     */
    public RenderedMessage digest(NotificationCommand.Digest digest) {
        String counts = "*" + digest.incidentCount() + "* incidents, *" + digest.alertCount() + "* alerts";
        int open = digest.incidentCount() - digest.resolvedCount();
        String text = digest.endedAt() == null
                ? ":rotating_light: *Alert storm* since " + date(digest.since()) + ": " + counts
                        + (digest.resolvedCount() > 0 ? ", *" + digest.resolvedCount() + "* resolved" : "")
                : ":white_check_mark: *Alert storm over* (" + date(digest.since()) + " to " + date(digest.endedAt())
                        + "): " + counts + ", *" + digest.resolvedCount() + "* resolved, *" + open
                        + "* still open";
        List<String> lines = new ArrayList<>();
        int shown = Math.min(digest.entries().size(), MAX_DIGEST_ENTRIES);
        for (NotificationCommand.DigestEntry entry : digest.entries().subList(0, shown)) {
            lines.add(emoji(entry.state()) + " *" + MrkdwnEscaper.escapeLine(entry.incidentId()) + "* · "
                    + entry.severity() + " · " + entry.state() + " · "
                    + MrkdwnEscaper.truncate(MrkdwnEscaper.escapeLine(entry.title()), MAX_TITLE_CHARS));
        }
        List<LayoutBlock> blocks =
                new ArrayList<>(packLines("digest", lines, MAX_BLOCKS - 2).blocks());
        int more = digest.incidentCount() - shown;
        if (more > 0) {
            blocks.add(context("digest-more", List.of(markdownText("and " + more + " more incidents"))));
        }
        Attachment attachment = Attachment.builder()
                .color(colour(digest.endedAt() != null && open == 0 ? IncidentState.RESOLVED : IncidentState.OPEN))
                .fallback(text)
                .blocks(blocks)
                .build();
        return new RenderedMessage(
                text,
                List.of(),
                List.of(attachment),
                new Message.Metadata(DIGEST_EVENT_TYPE, Map.of("digest_id", digest.digestId())));
    }

    /** The id of the context block that says why a message was sent. */
    public static final String REASON_BLOCK_ID = "reason";

    /** The longest reason shown, in characters (the ellipsis included). */
    static final int MAX_REASON_CHARS = 300;

    /**
     * The message with a small context line saying why it was sent ({@code NotificationCommand.reason}), escaped and
     * bounded: the last block of its last attachment for a main message; for a thread reply (plain text), a section
     * holding its text and the line under it. Unchanged when {@code reason} is null or blank, or when the message has
     * no room left under Slack's block limit.
     */
    public static RenderedMessage withReason(RenderedMessage message, String reason) {
        if (reason == null || reason.isBlank() || message.blockCount() >= MAX_BLOCKS) {
            return message;
        }
        LayoutBlock line = context(
                REASON_BLOCK_ID,
                List.of(markdownText(":information_source: "
                        + MrkdwnEscaper.truncate(MrkdwnEscaper.escapeLine(reason), MAX_REASON_CHARS))));
        if (!message.attachments().isEmpty()) {
            List<Attachment> attachments = new ArrayList<>(message.attachments());
            Attachment last = attachments.get(attachments.size() - 1);
            List<LayoutBlock> blocks = new ArrayList<>(last.getBlocks() == null ? List.of() : last.getBlocks());
            blocks.add(line);
            attachments.set(
                    attachments.size() - 1,
                    Attachment.builder()
                            .color(last.getColor())
                            .fallback(last.getFallback())
                            .blocks(blocks)
                            .build());
            return new RenderedMessage(message.text(), message.blocks(), attachments, message.metadata());
        }
        List<LayoutBlock> blocks = new ArrayList<>(message.blocks());
        if (blocks.isEmpty()) {
            // Blocks replace a message's text on screen: the text goes into the first one.
            blocks.add(textSection("reply", message.text()));
        }
        blocks.add(line);
        return new RenderedMessage(message.text(), blocks, message.attachments(), message.metadata());
    }

    /** The attachment colour of a state: red, amber, green. */
    static String colour(IncidentState state) {
        return switch (state) {
            case OPEN -> "#E01E5A";
            case ACKNOWLEDGED -> "#ECB22E";
            case RESOLVED -> "#2EB67D";
        };
    }

    static String emoji(IncidentState state) {
        return switch (state) {
            case OPEN -> ":red_circle:";
            case ACKNOWLEDGED -> ":large_orange_circle:";
            case RESOLVED -> ":large_green_circle:";
        };
    }

    private static String memberEmoji(AlertStatus status) {
        return switch (status) {
            case FIRING -> ":red_circle:";
            case RESOLVED -> ":white_check_mark:";
            case INFO -> ":information_source:";
        };
    }

    private Map<String, String> placeholderValues(Incident incident) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("emoji", emoji(incident.state()));
        values.put("state", incident.state().name());
        values.put("severity", incident.severity().name());
        values.put("incidentId", MrkdwnEscaper.escapeLine(incident.incidentId()));
        values.put("title", MrkdwnEscaper.truncate(MrkdwnEscaper.escapeLine(incident.title()), MAX_TITLE_CHARS));
        values.put("route", MrkdwnEscaper.escapeLine(incident.routeId() == null ? "default" : incident.routeId()));
        values.put("alertCount", Integer.toString(incident.alertCount()));
        values.put("firing", Long.toString(incident.firingMemberCount()));
        values.put("members", Integer.toString(incident.members().size()));
        return values;
    }

    /** A label's escaped value: the group label, else what the members' ARNs say (account, region). */
    private static String labelValue(Incident incident, String label) {
        String value = incident.groupLabels().get(label);
        if (value == null && (label.equals("account") || label.equals("region"))) {
            value = incident.members().stream()
                    .map(m -> Arn.parse(m.fingerprint()).toOptional())
                    .flatMap(Optional::stream)
                    .map(arn -> label.equals("account") ? arn.account() : arn.region())
                    .filter(Objects::nonNull)
                    .findFirst()
                    .orElse(null);
        }
        return value == null ? "" : MrkdwnEscaper.escapeLine(value);
    }

    private static List<LayoutBlock> graphBlocks(GraphView graph) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (graph.fileId() != null) {
            String alt = graph.altText() == null || graph.altText().isBlank() ? "graph" : graph.altText();
            blocks.add(ImageBlock.builder()
                    .blockId("graph")
                    .slackFile(SlackFileObject.builder().id(graph.fileId()).build())
                    .altText(MrkdwnEscaper.truncate(alt, MAX_ALT_TEXT_CHARS))
                    .build());
        }
        if (graph.note() != null && !graph.note().isBlank()) {
            blocks.add(context(
                    "graph-note",
                    List.of(markdownText(":chart_with_upwards_trend: "
                            + MrkdwnEscaper.truncate(MrkdwnEscaper.escape(graph.note()), MAX_FIELD_CHARS)))));
        }
        return blocks;
    }

    private static Optional<LayoutBlock> labelsBlock(Incident incident, MessageTemplate template) {
        List<TextObject> fields = new ArrayList<>();
        for (String label : template.labels()) {
            String value = labelValue(incident, label);
            if (!value.isEmpty()) {
                String field = "*" + MrkdwnEscaper.escapeLine(capitalise(label)) + "*\n" + value;
                fields.add(markdownText(MrkdwnEscaper.truncate(field, MAX_FIELD_CHARS)));
            }
        }
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(section(s -> s.blockId("labels").fields(fields)));
    }

    private static List<LayoutBlock> memberBlocks(Incident incident, int limit, int room, boolean details) {
        List<IncidentMember> members =
                incident.members().stream().sorted(IncidentMember.WORST_FIRST).toList();
        List<String> lines = new ArrayList<>();
        if (limit > 0 && !members.isEmpty()) {
            lines.add("*Alerts* (" + incident.firingMemberCount() + " firing of " + members.size() + ")");
        }
        int shown = Math.min(limit, members.size());
        for (int i = 0; i < shown; i++) {
            Depth depth = !details ? Depth.LINE : i < DETAILED_MEMBERS ? Depth.DETAILED : Depth.SUMMARY;
            lines.add(memberLine(members.get(i), depth));
        }
        Packed packed = packLines("members", lines, room);
        List<LayoutBlock> blocks = new ArrayList<>(packed.blocks());
        int listed = Math.max(0, packed.lines() - 1);
        int more = members.size() - listed;
        if (more > 0 && limit > 0) {
            long moreFiring = members.subList(listed, members.size()).stream()
                    .filter(m -> m.status() == AlertStatus.FIRING)
                    .count();
            blocks.add(context(
                    "members-more", List.of(markdownText("and " + more + " more (" + moreFiring + " firing)"))));
        } else if (limit == 0 && !members.isEmpty()) {
            blocks.add(context(
                    "members-more",
                    List.of(markdownText(incident.firingMemberCount() + " firing of " + members.size() + " alerts"))));
        }
        return blocks;
    }

    /**
     * How much of a member its line shows: the worst members their description as a quote and all their links, the
     * next ones the start of their description on one line, and at smaller detail the status line alone.
     */
    private enum Depth {
        DETAILED,
        SUMMARY,
        LINE
    }

    /**
     * A member's line: status, linked title, source, anomaly details and, by depth, its description and links. Each
     * optional part is added only while the line stays within a section's budget, so a line never needs cutting
     * (a cut could split a link).
     */
    private static String memberLine(IncidentMember member, Depth depth) {
        String name = member.title() == null ? member.fingerprint() : member.title();
        String title = MrkdwnEscaper.truncate(MrkdwnEscaper.escapeLine(name), MAX_TITLE_CHARS);
        String linked = ConsoleLinks.forMember(member)
                .flatMap(l -> link(l.url(), MrkdwnEscaper.truncate(name, MAX_TITLE_CHARS)))
                .orElse(title);
        StringBuilder line = new StringBuilder()
                .append(memberEmoji(member.status()))
                .append(" *")
                .append(member.status())
                .append("* ")
                .append(linked);
        if (member.source() != null) {
            line.append(" · _")
                    .append(MrkdwnEscaper.truncate(MrkdwnEscaper.escapeLine(member.source()), MAX_NOTE_CHARS))
                    .append('_');
        }
        if (member.suppressed()) {
            line.append(" · silenced");
        }
        appendIfRoom(line, anomalyNotes(member.annotations()));
        String description = member.annotations().get("description");
        if (description != null && !description.isBlank()) {
            if (depth == Depth.DETAILED) {
                appendIfRoom(line, "\n" + quote(description));
            } else if (depth == Depth.SUMMARY) {
                String oneLine = MrkdwnEscaper.escapeLine(description)
                        .replaceAll("\\s+", " ")
                        .strip();
                appendIfRoom(line, "\n        " + MrkdwnEscaper.truncate(oneLine, MAX_SHORT_DESCRIPTION_CHARS));
            }
        }
        if (depth == Depth.DETAILED) {
            appendIfRoom(line, linksLine(member));
        }
        return line.toString();
    }

    /** An anomaly's detector, peak score and series, or empty. */
    private static String anomalyNotes(Map<String, String> notes) {
        if (!notes.containsKey("detector") && !notes.containsKey("peakScore")) {
            return "";
        }
        StringBuilder out = new StringBuilder(" · :chart_with_upwards_trend: ");
        if (notes.containsKey("detector")) {
            out.append("detector *").append(note(notes.get("detector"))).append("* ");
        }
        if (notes.containsKey("peakScore")) {
            out.append("peak score *").append(note(notes.get("peakScore"))).append("* ");
        }
        if (notes.containsKey("series")) {
            out.append("series `")
                    .append(note(notes.get("series")).replace('`', '\''))
                    .append("` ");
        }
        return out.toString().stripTrailing();
    }

    private static String note(String value) {
        return MrkdwnEscaper.truncate(MrkdwnEscaper.escapeLine(value), MAX_NOTE_CHARS);
    }

    /**
     * A description as a block quote: escaped (so it can neither mention nor link), its line breaks kept up to
     * {@link #MAX_DESCRIPTION_LINES}, at most {@link #MAX_DESCRIPTION_CHARS}.
     */
    private static String quote(String description) {
        String escaped = MrkdwnEscaper.escape(description.strip());
        List<String> lines = escaped.lines()
                .map(String::stripTrailing)
                .filter(l -> !l.isBlank())
                .limit(MAX_DESCRIPTION_LINES)
                .toList();
        String joined = MrkdwnEscaper.truncate(String.join("\n", lines), MAX_DESCRIPTION_CHARS);
        return "> " + joined.replace("\n", "\n> ");
    }

    /** The member's own links after its title's, on one line, or empty. */
    private static String linksLine(IncidentMember member) {
        List<String> links = member.links().stream()
                .skip(1)
                .map(l -> link(l.url(), MrkdwnEscaper.truncate(l.title(), MAX_LINK_LABEL_CHARS)))
                .flatMap(Optional::stream)
                .toList();
        return links.isEmpty() ? "" : "\n:link: " + String.join(" · ", links);
    }

    /** A link to a web URL of reasonable length, or empty (then the caller shows text without a link). */
    private static Optional<String> link(String url, String label) {
        if (url.length() > MAX_URL_CHARS || !MrkdwnEscaper.isWebUrl(url)) {
            return Optional.empty();
        }
        return Optional.of(MrkdwnEscaper.link(url, label)).filter(l -> l.length() <= MAX_LINK_CHARS);
    }

    private static void appendIfRoom(StringBuilder line, String part) {
        if (!part.isEmpty() && line.length() + part.length() <= SECTION_BUDGET) {
            line.append(part);
        }
    }

    /** Sections built from lines, and how many of the lines they hold. */
    private record Packed(List<LayoutBlock> blocks, int lines) {}

    /** Packs lines into sections of at most the section budget each, using at most {@code room} blocks. */
    private static Packed packLines(String blockIdPrefix, List<String> lines, int room) {
        List<LayoutBlock> blocks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int packed = 0;
        int pending = 0;
        for (String line : lines) {
            if (current.length() > 0 && current.length() + 1 + line.length() > SECTION_BUDGET) {
                if (blocks.size() + 1 >= room) {
                    break;
                }
                blocks.add(textSection(blockIdPrefix + "-" + blocks.size(), current.toString()));
                packed += pending;
                pending = 0;
                current.setLength(0);
            }
            if (current.length() > 0) {
                current.append('\n');
            }
            current.append(line.length() > SECTION_BUDGET ? MrkdwnEscaper.truncate(line, SECTION_BUDGET) : line);
            pending++;
        }
        if (current.length() > 0 && blocks.size() < room) {
            blocks.add(textSection(blockIdPrefix + "-" + blocks.size(), current.toString()));
            packed += pending;
        }
        return new Packed(blocks, packed);
    }

    private static LayoutBlock textSection(String blockId, String mrkdwn) {
        return section(s -> s.blockId(blockId).text(markdownText(mrkdwn)));
    }

    private Optional<LayoutBlock> statusBlock(Incident incident) {
        List<String> parts = new ArrayList<>();
        if (incident.state() == IncidentState.ACKNOWLEDGED && incident.acknowledgedBy() != null) {
            parts.add(":eyes: Acknowledged by " + user(incident.acknowledgedBy())
                    + (incident.acknowledgedAt() == null ? "" : " " + date(incident.acknowledgedAt())));
        }
        if (incident.state() == IncidentState.RESOLVED) {
            String who = incident.resolvedBy() == null ? "automatically" : "by " + user(incident.resolvedBy());
            parts.add(":white_check_mark: Resolved " + who
                    + (incident.resolvedAt() == null ? "" : " " + date(incident.resolvedAt())));
        }
        if (incident.state() != IncidentState.RESOLVED && incident.isSnoozedAt(clock.instant())) {
            parts.add(":zzz: Snoozed until " + date(incident.snoozedUntil()));
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(context("status", List.of(markdownText(String.join("  ·  ", parts)))));
    }

    /** Acknowledge (or Unacknowledge), Resolve and the snooze menu. */
    private static List<BlockElement> actionElements(Incident incident) {
        List<BlockElement> elements = new ArrayList<>();
        if (incident.state() == IncidentState.ACKNOWLEDGED) {
            elements.add(button(b -> b.actionId(ACTION_UNACKNOWLEDGE)
                    .text(plainText("Unacknowledge"))
                    .value(buttonValue(incident, null))));
        } else {
            elements.add(button(b -> b.actionId(ACTION_ACKNOWLEDGE)
                    .text(plainText("Acknowledge"))
                    .style("primary")
                    .value(buttonValue(incident, null))));
        }
        elements.add(button(b -> b.actionId(ACTION_RESOLVE)
                .text(plainText("Resolve"))
                .style("danger")
                .value(buttonValue(incident, null))));
        elements.add(snoozeMenu(incident));
        return elements;
    }

    /**
     * URL buttons: Slack opens the URL itself (and still sends an interaction, which the handler acknowledges and
     * ignores: its action id starts with {@link #ACTION_LINK_PREFIX}).
     */
    private static List<BlockElement> linkButtonElements(List<Link> links) {
        List<BlockElement> elements = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            Link link = links.get(i);
            String actionId = ACTION_LINK_PREFIX + i;
            elements.add(button(
                    b -> b.actionId(actionId).text(plainText(link.title())).url(link.url())));
        }
        return elements;
    }

    /** Snooze as a menu of {@link #SNOOZE_CHOICES}; Slack sends the chosen option's value as a button's. */
    private static BlockElement snoozeMenu(Incident incident) {
        List<OptionObject> options = SNOOZE_CHOICES.stream()
                .map(choice -> option(
                        plainText(choice.getKey()), elementValue(incident, choice.getValue(), MAX_OPTION_VALUE_CHARS)))
                .toList();
        return staticSelect(
                s -> s.actionId(ACTION_SNOOZE).placeholder(plainText("Snooze")).options(options));
    }

    /** A button's value: incident id and group key (the key dropped when it would pass Slack's 2,000 chars). */
    static String buttonValue(Incident incident, Duration snooze) {
        return elementValue(incident, snooze == null ? null : snooze.toString(), MAX_BUTTON_VALUE_CHARS);
    }

    /**
     * An element's value: incident id, group key and the snooze choice, if any. The group key is dropped when the
     * value would pass {@code max} (interactivity then finds the incident by its id).
     */
    static String elementValue(Incident incident, String snooze, int max) {
        Map<String, String> value = new LinkedHashMap<>();
        value.put("incidentId", incident.incidentId());
        value.put("groupKey", incident.groupKey());
        if (snooze != null) {
            value.put("snooze", snooze);
        }
        String json = toJson(value);
        if (json.length() > max) {
            value.remove("groupKey");
            json = toJson(value);
        }
        return json;
    }

    private static String toJson(Map<String, String> value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a button value", e);
        }
    }

    /**
     * Mentions from the rules, kept when they are Slack's mention forms and shown literally otherwise. An entry may
     * hold several mentions separated by spaces (the processor joins a route's mentions).
     */
    private static String mentionPrefix(List<String> mentions) {
        StringBuilder out = new StringBuilder();
        for (String entry : mentions) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            for (String mention : MENTION_SEPARATOR.split(entry.strip())) {
                out.append(MENTION.matcher(mention).matches() ? mention : MrkdwnEscaper.escapeLine(mention))
                        .append(' ');
            }
        }
        return out.toString();
    }

    private static String user(String who) {
        return SLACK_USER_ID.matcher(who).matches() ? "<@" + who + ">" : MrkdwnEscaper.escapeLine(who);
    }

    private static String date(Instant at) {
        return SlackDates.date(at);
    }

    private static String capitalise(String label) {
        return label.isEmpty() ? label : label.substring(0, 1).toUpperCase(Locale.ROOT) + label.substring(1);
    }
}
