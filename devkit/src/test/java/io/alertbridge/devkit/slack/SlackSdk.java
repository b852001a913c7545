package io.alertbridge.devkit.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.asElements;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.staticSelect;

/**
 * The real Slack SDK pointed at a local workspace, strict about the answers' shapes: with
 * {@code failOnUnknownProperties} a field that Slack's response classes do not know fails the parse, so a test that
 * passes proves the answer reads as Slack's does.
 */
final class SlackSdk implements AutoCloseable {

    private final Slack slack;
    private final LocalSlackWorkspace workspace;
    private Slack impatient;

    SlackSdk(LocalSlackWorkspace workspace) {
        this.workspace = workspace;
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(workspace.apiUrl());
        config.setFailOnUnknownProperties(true);
        config.setPrettyResponseLoggingEnabled(false);
        this.slack = Slack.getInstance(config);
    }

    /** A client with the workspace's bot token. */
    MethodsClient methods() {
        return slack.methods(workspace.botToken());
    }

    MethodsClient methods(String token) {
        return slack.methods(token);
    }

    /** A separate client with the bot token that gives up waiting for an answer after {@code timeout}. */
    MethodsClient methodsWithReadTimeout(Duration timeout) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(workspace.apiUrl());
        config.setHttpClientReadTimeoutMillis((int) timeout.toMillis());
        // Without stats the client skips its own auth.test, which would time out too and log an error.
        config.getMethodsConfig().setStatsEnabled(false);
        impatient = Slack.getInstance(config);
        return impatient.methods(workspace.botToken());
    }

    /** The snooze menu's option values, by label, shaped as the sink writes them. */
    static final Map<String, String> SNOOZE_OPTIONS = snoozeOptions();

    /**
     * An incident message as the sink would post it: a section, Acknowledge / Resolve buttons and a Snooze menu
     * (1 h, 4 h, Tomorrow 09:00).
     */
    static List<LayoutBlock> incidentBlocks(String title) {
        List<OptionObject> snooze = SNOOZE_OPTIONS.entrySet().stream()
                .map(o -> option(plainText(o.getKey()), o.getValue()))
                .toList();
        return asBlocks(
                section(s -> s.blockId("summary").text(markdownText("*" + title + "*"))),
                actions(a -> a.blockId("incident-actions")
                        .elements(asElements(
                                button(b -> b.actionId("acknowledge")
                                        .text(plainText("Acknowledge"))
                                        .value("INC-1")
                                        .style("primary")),
                                button(b -> b.actionId("resolve")
                                        .text(plainText("Resolve"))
                                        .value("INC-1")),
                                staticSelect(m -> m.actionId("snooze")
                                        .placeholder(plainText("Snooze"))
                                        .options(snooze))))));
    }

    private static Map<String, String> snoozeOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("1 h", "{\"incidentId\":\"INC-1\",\"snooze\":\"PT1H\"}");
        options.put("4 h", "{\"incidentId\":\"INC-1\",\"snooze\":\"PT4H\"}");
        options.put("Tomorrow 09:00", "{\"incidentId\":\"INC-1\",\"snooze\":\"tomorrow-morning\"}");
        return Collections.unmodifiableMap(options);
    }

    @Override
    public void close() {
        try {
            slack.close();
            if (impatient != null) {
                impatient.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("closing the Slack SDK failed", e);
        }
    }
}
