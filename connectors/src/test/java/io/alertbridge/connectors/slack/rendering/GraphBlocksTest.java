package io.alertbridge.connectors.slack.rendering;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.util.json.GsonFactory;
import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.connectors.slack.MessageTemplate;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer.Detail;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer.View;
import io.alertbridge.schemas.model.Incident;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.alertbridge.connectors.slack.Incidents.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The graph in the incident's main message: an image block referencing the uploaded Slack file, or a note. */
class GraphBlocksTest {

    private final IncidentMessageRenderer renderer =
            new IncidentMessageRenderer(Clock.fixed(T0.plusSeconds(600), ZoneOffset.UTC));
    private final ObjectMapper mapper = new ObjectMapper();
    private final Incident incident = Incidents.open("INC-7F3A", "#alerts");

    @Test
    void shouldShowTheUploadedFileInAnImageBlockRightUnderTheLabels() {
        GraphView graph = new GraphView("F0GRAPH1", "5XXError of api over 3 hours, above 5 since 10:02 UTC", null);

        List<JsonNode> blocks = blocks(render(graph, Detail.FULL));

        List<String> types = blocks.stream().map(b -> b.path("type").asText()).toList();
        JsonNode image = blocks.get(types.indexOf("image"));
        assertThat(image.path("slack_file").path("id").asText()).isEqualTo("F0GRAPH1");
        assertThat(image.path("alt_text").asText()).startsWith("5XXError of api");
        assertThat(image.has("image_url")).as("nothing hosted publicly").isFalse();
        assertThat(types.indexOf("image")).isLessThanOrEqualTo(1);
    }

    @Test
    void shouldShowANoteInsteadOfAnImageEscaped() {
        GraphView graph = new GraphView(null, null, "No datapoints for <!channel> in the last 3 hours");

        List<JsonNode> blocks = blocks(render(graph, Detail.FULL));

        assertThat(blocks).noneMatch(b -> b.path("type").asText().equals("image"));
        JsonNode note = blocks.stream()
                .filter(b -> b.path("block_id").asText().equals("graph-note"))
                .findFirst()
                .orElseThrow();
        String text = note.path("elements").get(0).path("text").asText();
        assertThat(text).contains("No datapoints for").doesNotContain("<!channel>");
    }

    @Test
    void shouldKeepTheGraphWhenCompactAndDropItWhenMinimal() {
        GraphView graph = new GraphView("F0GRAPH1", "graph", null);

        assertThat(blocks(render(graph, Detail.COMPACT)))
                .anyMatch(b -> b.path("type").asText().equals("image"));
        assertThat(blocks(render(graph, Detail.MINIMAL)))
                .noneMatch(b -> b.path("type").asText().equals("image"));
        assertThat(blocks(render(GraphView.NONE, Detail.FULL)))
                .noneMatch(b -> b.path("type").asText().equals("image")
                        || b.path("block_id").asText().equals("graph-note"));
    }

    private RenderedMessage render(GraphView graph, Detail detail) {
        return renderer.render(incident, new View(MessageTemplate.DEFAULT, detail, List.of(), null, graph));
    }

    private List<JsonNode> blocks(RenderedMessage message) {
        try {
            JsonNode json =
                    mapper.readTree(GsonFactory.createSnakeCase().toJson(Map.of("attachments", message.attachments())));
            List<JsonNode> out = new ArrayList<>();
            json.path("attachments").get(0).path("blocks").forEach(out::add);
            return out;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
