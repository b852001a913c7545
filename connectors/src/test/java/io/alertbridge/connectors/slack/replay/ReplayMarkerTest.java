package io.alertbridge.connectors.slack.replay;

import com.slack.api.model.Attachment;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer.View;
import io.alertbridge.connectors.slack.rendering.RenderedMessage;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.NotificationCommand.Digest;
import io.alertbridge.schemas.model.NotificationCommand.DigestEntry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static org.assertj.core.api.Assertions.assertThat;

class ReplayMarkerTest {

    private final IncidentMessageRenderer renderer =
            new IncidentMessageRenderer(Clock.fixed(Incidents.T0, ZoneOffset.UTC));

    @Test
    void shouldMarkTheTextTheFirstAttachmentAndTheMetadataAsAReplay() {
        RenderedMessage rendered = renderer.render(Incidents.open("replay-k3x9q1-INC-1", "C0REVIEW1"), View.standard());
        ReplayMarker marker =
                new ReplayMarker("2026-11-14 00:00 UTC .. 2026-11-21 00:00 UTC under rules.yaml", "k3x9q1");
        marker.routedTo("#payments-alerts");

        RenderedMessage marked = marker.apply(rendered);

        assertThat(marked.text()).isEqualTo(ReplayMarker.TEXT_PREFIX + rendered.text());
        List<LayoutBlock> blocks = marked.attachments().get(0).getBlocks();
        assertThat(blocks).hasSize(rendered.attachments().get(0).getBlocks().size() + 1);
        assertThat(line(blocks.get(0)))
                .isEqualTo(":repeat: Replay of 2026-11-14 00:00 UTC .. 2026-11-21 00:00 UTC under rules.yaml"
                        + " · run k3x9q1 · routed to #payments-alerts");
        assertThat(marked.attachments().get(0).getColor())
                .isEqualTo(rendered.attachments().get(0).getColor());
        assertThat(marked.metadata().getEventType()).isEqualTo(IncidentMessageRenderer.INCIDENT_EVENT_TYPE);
        assertThat(marked.metadata().getEventPayload())
                .containsEntry("incident_id", "replay-k3x9q1-INC-1")
                .containsEntry(ReplayMarker.RUN_KEY, "k3x9q1");
    }

    @Test
    void shouldLeaveTheRenderedMessageItselfUntouched() {
        RenderedMessage rendered = renderer.render(Incidents.open("replay-r1-INC-1", "C0REVIEW1"), View.standard());
        int blocksBefore = rendered.attachments().get(0).getBlocks().size();

        new ReplayMarker("a .. b under rules.yaml", "r1").apply(rendered);

        assertThat(rendered.attachments().get(0).getBlocks()).hasSize(blocksBefore);
        assertThat(rendered.metadata().getEventPayload()).doesNotContainKey(ReplayMarker.RUN_KEY);
    }

    @Test
    void shouldEscapeWhatCameFromOutside() {
        ReplayMarker marker = new ReplayMarker("x .. y under <!channel>&rules.yaml", "r1");
        marker.routedTo("<#C0PROD|alerts>");

        assertThat(marker.line())
                .contains("&lt;!channel&gt;&amp;rules.yaml")
                .contains("&lt;#C0PROD|alerts&gt;")
                .doesNotContain("<!channel>");
    }

    @Test
    void shouldMarkAMessageAtSlacksBlockLimitByItsTextAlone() {
        List<LayoutBlock> fifty = new ArrayList<>();
        for (int i = 0; i < IncidentMessageRenderer.MAX_BLOCKS; i++) {
            fifty.add(context("c" + i, List.of(markdownText("line " + i))));
        }
        RenderedMessage full = new RenderedMessage(
                "headline",
                List.of(),
                List.of(Attachment.builder().blocks(fifty).build()),
                null);

        RenderedMessage marked = new ReplayMarker("a .. b under rules.yaml", "r1").apply(full);

        assertThat(marked.blockCount()).isEqualTo(IncidentMessageRenderer.MAX_BLOCKS);
        assertThat(marked.text()).startsWith(ReplayMarker.TEXT_PREFIX);
    }

    @Test
    void shouldMarkADigestToo() {
        Incident member = Incidents.incident(
                "INC-2", "#alerts", 1, IncidentState.OPEN, "t", List.of(Incidents.member(1, AlertStatus.FIRING)));
        RenderedMessage digest = renderer.digest(new Digest(
                "replay-r1-D-1",
                Incidents.T0,
                1,
                1,
                List.of(new DigestEntry(member.incidentId(), member.title(), member.severity(), member.state()))));

        RenderedMessage marked = new ReplayMarker("a .. b under rules.yaml", "r1").apply(digest);

        assertThat(marked.text()).startsWith(ReplayMarker.TEXT_PREFIX + ":rotating_light:");
        assertThat(line(marked.attachments().get(0).getBlocks().get(0))).startsWith(":repeat: Replay of a .. b");
        assertThat(marked.metadata().getEventPayload()).containsEntry("digest_id", "replay-r1-D-1");
    }

    private static String line(LayoutBlock block) {
        assertThat(block).isInstanceOf(ContextBlock.class);
        return ((MarkdownTextObject) ((ContextBlock) block).getElements().get(0)).getText();
    }
}
