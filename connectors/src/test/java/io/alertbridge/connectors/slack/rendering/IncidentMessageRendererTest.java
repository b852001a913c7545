package io.alertbridge.connectors.slack.rendering;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.model.block.element.StaticSelectElement;
import com.slack.api.util.json.GsonFactory;
import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.connectors.slack.MessageTemplate;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer.Detail;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer.View;
import io.alertbridge.devkit.slack.BlockKitValidator;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.Link;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.alertbridge.connectors.slack.Incidents.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncidentMessageRendererTest {

    private static final BlockKitValidator VALIDATOR = new BlockKitValidator();
    private static final String HOSTILE = "<!channel> <https://evil.example|click> @here &lt; <@U0BOSS>";

    private final IncidentMessageRenderer renderer =
            new IncidentMessageRenderer(Clock.fixed(T0.plusSeconds(600), ZoneOffset.UTC));
    private final ObjectMapper mapper = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(IncidentState.class)
    void shouldColourTheMessageByState(IncidentState state) {
        Incident incident = Incidents.incident(
                "INC-7F3A", "#alerts", 2, state, "api down", List.of(Incidents.alarm(AlertStatus.FIRING)));

        RenderedMessage message = renderer.render(incident, View.standard());

        String expected =
                switch (state) {
                    case OPEN -> "#E01E5A";
                    case ACKNOWLEDGED -> "#ECB22E";
                    case RESOLVED -> "#2EB67D";
                };
        assertThat(message.attachments()).hasSize(1);
        assertThat(message.attachments().get(0).getColor()).isEqualTo(expected);
        assertThat(message.text()).contains(state.name()).contains("CRITICAL").contains("api down");
    }

    @Test
    void shouldShowKeyLabelsMembersConsoleLinksAndWhoAcknowledged() {
        Incident incident = Incidents.incident(
                "INC-7F3A",
                "#alerts",
                3,
                IncidentState.ACKNOWLEDGED,
                "api down",
                List.of(Incidents.alarm(AlertStatus.FIRING), Incidents.anomaly()));

        JsonNode json = json(renderer.render(incident, View.standard()));
        String all = json.toString();

        assertThat(all)
                .contains("*Account*\\n123456789012")
                .contains("*Region*\\neu-west-2")
                .contains("*Service*\\napi")
                .contains("*Resource*\\ni-0a1b");
        assertThat(all)
                .contains("<https://eu-west-2.console.aws.amazon.com/cloudwatch/home?region=eu-west-2"
                        + "#alarmsV2:alarm/api-5xx|api-5xx>");
        assertThat(all)
                .contains("detector *latency-detector*")
                .contains("peak score *0.97*")
                .contains("<https://grafana.example/d/api|api p99 latency anomaly>");
        assertThat(all)
                .contains("Acknowledged by <@U024BE7LH> <!date^"
                        + T0.plusSeconds(300).getEpochSecond() + "^{date_short_pretty} {time}|2026-11-21 08:05 UTC>");
        assertThat(all).contains("2 firing of 2");
    }

    @Test
    void shouldCarryIncidentIdAndGroupKeyOnFewButtons() throws Exception {
        Incident open = Incidents.open("INC-7F3A", "#alerts");

        List<ButtonElement> buttons = buttons(renderer.render(open, View.standard()));

        assertThat(buttons)
                .extracting(ButtonElement::getActionId)
                .containsExactly(IncidentMessageRenderer.ACTION_ACKNOWLEDGE, IncidentMessageRenderer.ACTION_RESOLVE);
        JsonNode value = mapper.readTree(buttons.get(0).getValue());
        assertThat(value.get("incidentId").asText()).isEqualTo("INC-7F3A");
        assertThat(value.get("groupKey").asText()).isEqualTo(open.groupKey());
        assertThat(value.has("snooze")).isFalse();
    }

    @Test
    void shouldPutTheRoutesLinkButtonsAfterTheActionsAsUrlButtons() {
        Incident open = Incidents.open("INC-7F3A", "#alerts");
        View view = new View(
                MessageTemplate.DEFAULT,
                Detail.FULL,
                List.of(),
                null,
                GraphView.NONE,
                List.of(new Link("Runbook", "https://wiki/runbooks/api")));

        RenderedMessage message = renderer.render(open, view);
        List<ButtonElement> buttons = buttons(message);

        assertThat(buttons)
                .extracting(ButtonElement::getActionId)
                .containsExactly(
                        IncidentMessageRenderer.ACTION_ACKNOWLEDGE,
                        IncidentMessageRenderer.ACTION_RESOLVE,
                        IncidentMessageRenderer.ACTION_LINK_PREFIX + "0");
        assertThat(buttons.get(2).getUrl()).isEqualTo("https://wiki/runbooks/api");
        assertThat(buttons.get(2).getText().getText()).isEqualTo("Runbook");
        assertThat(blockKitProblems(message)).isEmpty();
        // Resolved: no Acknowledge/Resolve, the runbook stays.
        assertThat(buttons(renderer.render(Incidents.next(open, IncidentState.RESOLVED), view)))
                .extracting(ButtonElement::getUrl)
                .containsExactly("https://wiki/runbooks/api");
    }

    @Test
    void shouldOfferSnoozeAsAMenuOfOneHourFourHoursAndTomorrowMorning() throws Exception {
        Incident open = Incidents.open("INC-7F3A", "#alerts");

        RenderedMessage message = renderer.render(open, View.standard());
        StaticSelectElement menu = snoozeMenu(message);

        assertThat(menu.getActionId()).isEqualTo(IncidentMessageRenderer.ACTION_SNOOZE);
        assertThat(menu.getPlaceholder().getText()).isEqualTo("Snooze");
        assertThat(menu.getOptions())
                .extracting(o -> o.getText().getText())
                .containsExactly("1 h", "4 h", "Tomorrow 09:00");
        List<JsonNode> values = new ArrayList<>();
        for (OptionObject option : menu.getOptions()) {
            values.add(mapper.readTree(option.getValue()));
        }
        assertThat(values)
                .extracting(v -> v.get("snooze").asText())
                .containsExactly("PT1H", "PT4H", "tomorrow-morning");
        assertThat(values).allSatisfy(v -> {
            assertThat(v.get("incidentId").asText()).isEqualTo("INC-7F3A");
            assertThat(v.get("groupKey").asText()).isEqualTo(open.groupKey());
        });
        assertThat(blockKitProblems(message)).isEmpty();
        assertThat(json(message).toString()).contains("\"type\":\"static_select\"");
    }

    @Test
    void shouldKeepSnoozeOptionValuesUnderSlacksLimitWhenTheGroupKeyIsLong() throws Exception {
        Incident open = Incidents.open("INC-7F3A", "#alerts");
        Incident longKey = Incidents.withGroupKey(open, "payments|resource=" + "i-0a1b".repeat(40));

        RenderedMessage message = renderer.render(longKey, View.standard());

        for (OptionObject option : snoozeMenu(message).getOptions()) {
            assertThat(option.getValue()).hasSizeLessThanOrEqualTo(150);
            JsonNode value = mapper.readTree(option.getValue());
            assertThat(value.get("incidentId").asText()).isEqualTo("INC-7F3A");
            assertThat(value.has("groupKey")).isFalse();
        }
        assertThat(mapper.readTree(buttons(message).get(0).getValue())
                        .get("groupKey")
                        .asText())
                .as("a button's value has room for it")
                .isEqualTo(longKey.groupKey());
        assertThat(blockKitProblems(message)).isEmpty();
    }

    @Test
    void shouldOfferUnacknowledgeOnceAcknowledgedAndNoButtonsOnceResolved() {
        Incident open = Incidents.open("INC-7F3A", "#alerts");
        Incident acked = Incidents.next(open, IncidentState.ACKNOWLEDGED);
        Incident resolved = Incidents.next(acked, IncidentState.RESOLVED);

        assertThat(buttons(renderer.render(acked, View.standard())))
                .extracting(ButtonElement::getActionId)
                .startsWith(IncidentMessageRenderer.ACTION_UNACKNOWLEDGE);
        assertThat(buttons(renderer.render(resolved, View.standard()))).isEmpty();
    }

    @Test
    void shouldRenderHostileTextLiterally() {
        IncidentMember member = new IncidentMember(
                "f-hostile",
                "cloudwatch",
                HOSTILE,
                AlertStatus.FIRING,
                Severity.ERROR,
                "e",
                T0,
                false,
                Map.of("description", HOSTILE),
                List.of(),
                null,
                null);
        Incident incident = Incidents.incident("INC-7F3A", "#alerts", 1, IncidentState.OPEN, HOSTILE, List.of(member));

        RenderedMessage message = renderer.render(incident, View.standard());
        String all = json(message).toString() + message.text();

        assertThat(all)
                .doesNotContain("<!channel>")
                .doesNotContain("<https://evil.example")
                .doesNotContain("<@U0BOSS>");
        assertThat(all)
                .contains("&lt;!channel&gt;")
                .contains("&lt;https://evil.example|click&gt;")
                .contains("@here")
                .contains("&amp;lt;")
                .contains("&lt;@U0BOSS&gt;");
    }

    @Test
    void shouldShowTheWorstMembersDescriptionAsAnEscapedQuoteWithTheirLinks() {
        String runbook = "Runbook: https://wiki.example/runbooks/api & <!channel>\n1. Check the ALB\r\n2. Roll back";
        IncidentMember worst = detailed(
                "api-5xx",
                AlertStatus.FIRING,
                runbook,
                List.of(
                        new Link("CloudWatch alarm", "https://console.aws.amazon.com/cloudwatch/home#alarm"),
                        new Link("Runbook <b>", "https://wiki.example/runbooks/api"),
                        new Link("Dashboard", "javascript:alert(1)")));
        List<IncidentMember> members = new ArrayList<>(List.of(worst));
        for (int i = 0; i < 4; i++) {
            members.add(detailed("db-" + i, AlertStatus.RESOLVED, "Description " + i + "\nsecond line", List.of()));
        }
        Incident incident = Incidents.incident("INC-7F3A", "#alerts", 1, IncidentState.OPEN, "api down", members);

        RenderedMessage message = renderer.render(incident, View.standard());
        String members0 = String.join("\n", sectionTexts(json(message)));

        assertThat(members0)
                .contains("\n> Runbook: https://wiki.example/runbooks/api &amp; &lt;!channel&gt;\n> 1. Check the ALB\n"
                        + "> 2. Roll back")
                .contains(":link: <https://wiki.example/runbooks/api|Runbook &lt;b&gt;>")
                .doesNotContain("javascript:")
                .doesNotContain("<!channel>");
        assertThat(members0)
                .as("the three worst quote their description, the next ones show its start on one line")
                .contains("> Description 1\n> second line")
                .contains("        Description 2 second line")
                .doesNotContain("> Description 2");
        assertThat(blockKitProblems(message)).isEmpty();
    }

    @Test
    void shouldStayWithinSlacksLimitsWhenEveryMemberHasTheLongestDescriptionAndLinks() {
        List<IncidentMember> members = new ArrayList<>();
        List<Link> links = List.of(
                new Link("a".repeat(100), "https://example.com/" + "&".repeat(970)),
                new Link("<".repeat(100), "https://example.com/" + "x".repeat(970)),
                new Link("b".repeat(100), "https://example.com/" + "|".repeat(970)));
        for (int i = 0; i < 60; i++) {
            members.add(detailed("&".repeat(300) + i, AlertStatus.FIRING, "<&>\n".repeat(250), links));
        }
        Incident incident = Incidents.incident("INC-BIG", "#alerts", 1, IncidentState.OPEN, "big", members);
        View view = new View(
                new MessageTemplate(null, null, MessageTemplate.MAX_MEMBERS, null, null), Detail.FULL, List.of(), null);

        RenderedMessage message = renderer.render(incident, view);

        assertThat(message.blockCount()).isLessThanOrEqualTo(IncidentMessageRenderer.MAX_BLOCKS);
        assertThat(sectionTexts(json(message)))
                .allSatisfy(t -> assertThat(t.length()).isLessThanOrEqualTo(3000));
        assertThat(blockKitProblems(message)).isEmpty();
        assertThat(String.join("", sectionTexts(json(message)))).contains("> &lt;&amp;&gt;");
    }

    private static IncidentMember detailed(String title, AlertStatus status, String description, List<Link> links) {
        return new IncidentMember(
                "f-" + title,
                "cloudwatch",
                title,
                status,
                Severity.ERROR,
                "e-" + title,
                T0,
                false,
                Map.of("description", description),
                links,
                null,
                null);
    }

    @Test
    void shouldEscapeRepliesButKeepTheRoutesMentionUnlessResolved() {
        RenderedMessage escalation = renderer.reply("INC-7F3A", "c1", "still " + HOSTILE, "<!subteam^S0ONCALL>", false);
        RenderedMessage afterResolve = renderer.reply("INC-7F3A", "c2", "late", "<!subteam^S0ONCALL>", true);

        assertThat(escalation.text()).startsWith("<!subteam^S0ONCALL> still &lt;!channel&gt;");
        assertThat(afterResolve.text()).doesNotContain("<!subteam");
        assertThat(escalation.metadata().getEventType()).isEqualTo(IncidentMessageRenderer.TIMELINE_EVENT_TYPE);
        assertThat(escalation.metadata().getEventPayload())
                .containsEntry("command_id", "c1")
                .containsEntry("incident_id", "INC-7F3A");
    }

    @Test
    void shouldShowTheTimelinesTimesAsSlackDatesAndEscapeTheRest() {
        String text = "08:05:00 UTC  acknowledged by alice " + HOSTILE + "\n08:06:30 UTC  resolved";

        RenderedMessage reply = renderer.reply("INC-7F3A", "c3", text, null, false, T0.plusSeconds(400));

        assertThat(reply.text())
                .startsWith("<!date^" + T0.plusSeconds(300).getEpochSecond()
                        + "^{date_short_pretty} {time_secs}|2026-11-21 08:05:00 UTC>  acknowledged by alice &lt;")
                .contains("\n<!date^" + T0.plusSeconds(390).getEpochSecond()
                        + "^{date_short_pretty} {time_secs}|2026-11-21 08:06:30 UTC>  resolved")
                .doesNotContain("UTC  ");
    }

    @Test
    void shouldMentionOnlyWhatTheRouteAsksAndNeverOnResolve() {
        Incident open = Incidents.open("INC-7F3A", "#alerts");
        Incident resolved = Incidents.next(open, IncidentState.RESOLVED);
        View withMentions =
                new View(MessageTemplate.DEFAULT, Detail.FULL, List.of("<!subteam^S0ONCALL>", "@oncall"), null);

        assertThat(renderer.render(open, View.standard()).text())
                .doesNotContain("<!")
                .doesNotContain("<@");
        assertThat(renderer.render(open, withMentions).text()).startsWith("<!subteam^S0ONCALL> @oncall ");
        assertThat(renderer.render(resolved, withMentions).text()).doesNotContain("subteam");
        View joined =
                new View(MessageTemplate.DEFAULT, Detail.FULL, List.of("<!subteam^S0A|@payments> <@U0LEAD>"), null);
        assertThat(renderer.render(open, joined).text()).startsWith("<!subteam^S0A|@payments> <@U0LEAD> :red_circle:");
    }

    @Test
    void shouldCollapseABigIncidentWithinSlacksLimits() {
        List<IncidentMember> members = new ArrayList<>();
        for (int i = 0; i < 47; i++) {
            members.add(Incidents.member(i, i < 30 ? AlertStatus.FIRING : AlertStatus.RESOLVED));
        }
        Incident big = Incidents.incident("INC-BIG", "#alerts", 5, IncidentState.OPEN, "x".repeat(5000), members);

        RenderedMessage message = renderer.render(big, View.standard());
        JsonNode json = json(message);

        assertThat(message.blockCount()).isLessThanOrEqualTo(IncidentMessageRenderer.MAX_BLOCKS);
        assertThat(message.text().length()).isLessThanOrEqualTo(IncidentMessageRenderer.MAX_SECTION_CHARS);
        assertThat(sectionTexts(json)).allSatisfy(t -> assertThat(t.length()).isLessThanOrEqualTo(3000));
        assertThat(json.toString()).contains("and 37 more (20 firing)");
        assertThat(blockIds(json)).doesNotHaveDuplicates();
    }

    @Test
    void shouldStayWithinLimitsWhenATemplateAsksForTheMostMembersWithLongTitles() {
        List<IncidentMember> members = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            IncidentMember m = Incidents.member(i, AlertStatus.FIRING);
            members.add(new IncidentMember(
                    m.fingerprint(),
                    m.source(),
                    "t".repeat(400) + i,
                    m.status(),
                    m.severity(),
                    m.lastEventId(),
                    m.lastChangeAt(),
                    false,
                    Map.of("description", "d".repeat(900)),
                    List.of(),
                    null,
                    null));
        }
        Incident huge = Incidents.incident("INC-HUGE", "#alerts", 1, IncidentState.OPEN, "huge", members);
        View view = new View(
                new MessageTemplate(null, null, MessageTemplate.MAX_MEMBERS, null, null),
                Detail.FULL,
                List.of(),
                "C0INCIDENT");

        RenderedMessage message = renderer.render(huge, view);

        assertThat(message.blockCount()).isLessThanOrEqualTo(IncidentMessageRenderer.MAX_BLOCKS);
        assertThat(sectionTexts(json(message)))
                .allSatisfy(t -> assertThat(t.length()).isLessThanOrEqualTo(3000));
        assertThat(json(message).toString())
                .contains("and 26" + "0 more (260 firing)")
                .contains("<#C0INCIDENT>");
    }

    @Test
    void shouldRenderSmallerAtEachDetailLevel() {
        List<IncidentMember> members = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            members.add(Incidents.member(i, AlertStatus.FIRING));
        }
        Incident incident = Incidents.incident("INC-7F3A", "#alerts", 1, IncidentState.OPEN, "db", members);

        int full = json(renderer.render(incident, View.standard())).toString().length();
        int compact = json(renderer.render(incident, View.standard().withDetail(Detail.COMPACT)))
                .toString()
                .length();
        int minimal = json(renderer.render(incident, View.standard().withDetail(Detail.MINIMAL)))
                .toString()
                .length();

        assertThat(full).isGreaterThan(compact);
        assertThat(compact).isGreaterThan(minimal);
        assertThat(Detail.MINIMAL.smaller()).isEmpty();
    }

    @Test
    void shouldCarryTheIncidentInTheMessageMetadata() {
        Incident incident = Incidents.open("INC-7F3A", "#alerts");

        RenderedMessage message = renderer.render(incident, View.standard());

        assertThat(message.metadata().getEventType()).isEqualTo("alertbridge_incident");
        assertThat(message.metadata().getEventPayload())
                .containsEntry("incident_id", "INC-7F3A")
                .containsEntry("group_key", incident.groupKey())
                .containsEntry("version", 1L);
    }

    @Test
    void shouldApplyARoutesTemplate() {
        MessageTemplate template = new MessageTemplate(
                "{emoji} {title} on {label:service} (<https://wiki.example/runbooks|runbook>)",
                List.of("service"),
                1,
                false,
                "owned by payments · {alertCount} alerts");
        Incident incident = Incidents.incident(
                "INC-7F3A",
                "#alerts",
                1,
                IncidentState.OPEN,
                "<b>down</b>",
                List.of(Incidents.alarm(AlertStatus.FIRING), Incidents.member(1, AlertStatus.FIRING)));

        RenderedMessage message = renderer.render(incident, new View(template, Detail.FULL, List.of(), null));
        String all = json(message).toString();

        assertThat(message.text())
                .isEqualTo(":red_circle: &lt;b&gt;down&lt;/b&gt; on api (<https://wiki.example/runbooks|runbook>)");
        assertThat(all)
                .contains("owned by payments · 2 alerts")
                .contains("and 1 more")
                .doesNotContain("actions");
        assertThat(all).doesNotContain("*Region*");
    }

    @Test
    void shouldRejectATemplateWithAnUnknownPlaceholderOrTooManyMembers() {
        assertThatThrownBy(() -> new MessageTemplate("{titel}", null, null, null, null))
                .hasMessageContaining("headline")
                .hasMessageContaining("{titel}");
        assertThatThrownBy(() -> new MessageTemplate(null, null, 41, null, null))
                .hasMessageContaining("maxMembers");
    }

    @Test
    void shouldRenderADigestWithTheNewestIncidents() {
        List<NotificationCommand.DigestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            entries.add(new NotificationCommand.DigestEntry(
                    "INC-" + i, "<!here> db " + i, Severity.ERROR, IncidentState.OPEN));
        }
        NotificationCommand.Digest digest = new NotificationCommand.Digest("d1", T0, 37, 412, entries);

        RenderedMessage message = renderer.digest(digest);
        String all = json(message).toString();

        assertThat(message.text()).contains("*37* incidents").contains("*412* alerts");
        assertThat(all)
                .contains("INC-19")
                .doesNotContain("INC-20*")
                .contains("and 17 more incidents")
                .doesNotContain("<!here>");
        assertThat(message.metadata().getEventPayload()).containsEntry("digest_id", "d1");
    }

    @Test
    void shouldSayHowManyResolvedAndWhenTheStormEnded() {
        NotificationCommand.Digest going = new NotificationCommand.Digest("d1", T0, 37, 412, List.of(), 5, null);
        NotificationCommand.Digest over =
                new NotificationCommand.Digest("d1", T0, 37, 412, List.of(), 30, T0.plusSeconds(600));

        assertThat(renderer.digest(going).text())
                .contains("*Alert storm* since")
                .contains("*5* resolved");
        assertThat(renderer.digest(over).text())
                .contains("*Alert storm over*")
                .contains("*30* resolved")
                .contains("*7* still open");
    }

    @Test
    void shouldEndTheMainMessageWithItsReasonEscapedInAContextLine() {
        Incident incident = Incidents.incident(
                "INC-7F3A", "#alerts", 2, IncidentState.OPEN, "api down", List.of(Incidents.alarm(AlertStatus.FIRING)));
        RenderedMessage plain = renderer.render(incident, View.standard());

        RenderedMessage message =
                IncidentMessageRenderer.withReason(plain, "New incident on route api, grouped by service=" + HOSTILE);

        List<LayoutBlock> blocks = message.attachments().get(0).getBlocks();
        assertThat(blocks).hasSize(plain.attachments().get(0).getBlocks().size() + 1);
        assertThat(blocks.get(blocks.size() - 1).getBlockId()).isEqualTo(IncidentMessageRenderer.REASON_BLOCK_ID);
        String line = json(message)
                .path("attachments")
                .get(0)
                .path("blocks")
                .get(blocks.size() - 1)
                .toString();
        assertThat(line)
                .contains("New incident on route api")
                .doesNotContain("<!channel>")
                .doesNotContain("<@U0BOSS>");
        assertThat(message.text()).isEqualTo(plain.text());
        assertThat(blockKitProblems(message)).isEmpty();
    }

    @Test
    void shouldShowAReplysTextAndItsReasonInBlocks() {
        RenderedMessage reply = renderer.reply("INC-7F3A", "c1", "api: firing", null, false);

        RenderedMessage message =
                IncidentMessageRenderer.withReason(reply, "Escalation level 1: nobody acknowledged it");

        JsonNode blocks = json(message).path("blocks");
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0).toString()).contains("api: firing");
        assertThat(blocks.get(1).path("block_id").asText()).isEqualTo(IncidentMessageRenderer.REASON_BLOCK_ID);
        assertThat(blocks.get(1).toString()).contains("Escalation level 1");
        assertThat(blockKitProblems(message)).isEmpty();
    }

    @Test
    void shouldBoundALongReasonAndLeaveAMessageWithoutOneAsItIs() {
        RenderedMessage reply = renderer.reply("INC-7F3A", "c1", "api: firing", null, false);

        assertThat(IncidentMessageRenderer.withReason(reply, null)).isSameAs(reply);
        assertThat(IncidentMessageRenderer.withReason(reply, " ")).isSameAs(reply);
        RenderedMessage longOne = IncidentMessageRenderer.withReason(reply, "x".repeat(5_000));
        assertThat(json(longOne).path("blocks").get(1).toString().length())
                .isLessThan(IncidentMessageRenderer.MAX_REASON_CHARS + 200);
        assertThat(blockKitProblems(longOne)).isEmpty();
    }

    private JsonNode json(RenderedMessage message) {
        try {
            String gson = GsonFactory.createSnakeCase()
                    .toJson(Map.of(
                            "text", message.text(), "attachments", message.attachments(), "blocks", message.blocks()));
            return mapper.readTree(gson);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<ButtonElement> buttons(RenderedMessage message) {
        return elements(message, ButtonElement.class);
    }

    private static StaticSelectElement snoozeMenu(RenderedMessage message) {
        return elements(message, StaticSelectElement.class).stream()
                .filter(e -> IncidentMessageRenderer.ACTION_SNOOZE.equals(e.getActionId()))
                .findFirst()
                .orElseThrow();
    }

    private static <T extends BlockElement> List<T> elements(RenderedMessage message, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (LayoutBlock block : message.attachments().get(0).getBlocks()) {
            if (block instanceof ActionsBlock actions) {
                actions.getElements().stream()
                        .filter(type::isInstance)
                        .map(type::cast)
                        .forEach(found::add);
            }
        }
        return found;
    }

    /** What Slack would refuse in the message's blocks, as the local workspace checks them before posting. */
    private List<String> blockKitProblems(RenderedMessage message) {
        JsonNode json = json(message);
        List<String> problems = new ArrayList<>(VALIDATOR.validate(json.path("blocks"), "/blocks"));
        JsonNode attachments = json.path("attachments");
        for (int i = 0; i < attachments.size(); i++) {
            problems.addAll(VALIDATOR.validate(attachments.get(i).path("blocks"), "/attachments/" + i + "/blocks"));
        }
        return problems;
    }

    private static List<String> sectionTexts(JsonNode json) {
        List<String> texts = new ArrayList<>();
        for (JsonNode block : json.path("attachments").get(0).path("blocks")) {
            if (block.path("type").asText().equals("section") && block.has("text")) {
                texts.add(block.path("text").path("text").asText());
            }
        }
        return texts;
    }

    private static List<String> blockIds(JsonNode json) {
        List<String> ids = new ArrayList<>();
        for (JsonNode block : json.path("attachments").get(0).path("blocks")) {
            ids.add(block.path("block_id").asText());
        }
        return ids;
    }
}
