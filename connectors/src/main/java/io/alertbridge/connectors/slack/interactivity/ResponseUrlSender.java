package io.alertbridge.connectors.slack.interactivity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.Slack;
import com.slack.api.webhook.WebhookResponse;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/**
 * Sends follow-up answers to Slack's {@code response_url} of an interaction: the outcome of an action after it
 * was acknowledged, or an explanation when a click could not be taken. A response URL is a capability (anyone
 * holding it may post into the conversation for 30 minutes), so it is never logged.
 *
 * <p>Blocking (one HTTP call); called from the after-ack executor, never from a request thread. Thread-safe.
 */
final class ResponseUrlSender {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseUrlSender.class);

    private final Slack slack;

    ResponseUrlSender(Slack slack) {
        this.slack = slack;
    }

    /**
     * Posts a reply.
     *
     * @param caller whose interaction it answers (its response URL is used)
     * @param reply the text and visibility
     * @param replaceOriginal true to replace the answer Slack showed first (e.g. "Acknowledging…")
     * @return true when Slack took it
     */
    boolean send(Caller caller, Reply reply, boolean replaceOriginal) {
        String url = caller.responseUrl();
        if (!isHttpUrl(url)) {
            LOG.warn("Cannot answer {}: the request carried no usable response_url", LogText.safe(caller.userId()));
            return false;
        }
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("response_type", reply.responseType());
        body.put("text", reply.text());
        if (reply.blocks() != null) {
            body.set("blocks", reply.blocks());
        }
        if (replaceOriginal) {
            body.put("replace_original", true);
        }
        try {
            WebhookResponse response = slack.send(url, Json.mapper().writeValueAsString(body));
            if (response.getCode() != 200) {
                LOG.warn(
                        "Slack refused a follow-up answer to {}: HTTP {} {}",
                        LogText.safe(caller.userId()),
                        response.getCode(),
                        LogText.safe(response.getBody()));
                return false;
            }
            return true;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a follow-up answer", e);
        } catch (IOException e) {
            LOG.warn(
                    "Could not send a follow-up answer to {}: {}",
                    LogText.safe(caller.userId()),
                    LogText.safe(e.toString()));
            return false;
        }
    }

    private static boolean isHttpUrl(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
