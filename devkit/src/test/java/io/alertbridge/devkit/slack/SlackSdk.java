package io.alertbridge.devkit.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.block.LayoutBlock;

import java.time.Duration;
import java.util.List;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.asElements;
import static com.slack.api.model.block.element.BlockElements.button;

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

    /** An incident message as the sink would post it: a section and Acknowledge / Resolve buttons. */
    static List<LayoutBlock> incidentBlocks(String title) {
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
                                        .value("INC-1"))))));
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
