package io.alertbridge.connectors.slack;

import com.google.gson.Gson;
import com.slack.api.Slack;
import com.slack.api.methods.Methods;
import com.slack.api.methods.RequestFormBuilder;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.impl.MethodsClientImpl;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatUpdateRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.util.json.GsonFactory;
import okhttp3.FormBody;
import okhttp3.Headers;
import okhttp3.Response;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Slack SDK's methods client, reading the answers of {@code chat.postMessage} and {@code chat.update} (the
 * sink's calls, one or more per notification) with one Gson kept for the client's life.
 *
 * <p>Why: the SDK (1.49.0) builds a new Gson for every answer it reads, and a new Gson derives its reflective type
 * adapters again: for these two methods the whole message model (blocks, attachments, files, reactions) on every
 * call. At 100 new incidents a second that was 41 % of the Slack sink's thread (bench/README, "100 alerts a
 * second"). Everything else is the SDK's: the request is built by its {@link RequestFormBuilder} and sent by its HTTP
 * client (timeouts, proxy, endpoint), and an answer is read as the SDK reads it: one that is not 2xx throws
 * {@link SlackApiException} holding the response (so a 429's {@code Retry-After} reaches {@link
 * SlackErrorClassifier}), the answer carries the response's headers, and the HTTP client's response listeners run.
 * What it leaves out is the SDK's own call statistics, which this product turns off ({@link
 * TokenWatch#slackConfig}) and which the SDK keeps only for clients made with a team id.
 *
 * <p>Thread-safe as the SDK's client is (a {@link Gson} is).
 */
public final class OneGsonMethodsClient extends MethodsClientImpl {

    private final Gson gson;

    /** A client for {@code token} on the SDK instance's HTTP client and endpoint, as {@link Slack#methods(String)}. */
    public OneGsonMethodsClient(Slack slack, String token) {
        super(slack.getHttpClient(), token);
        setEndpointUrlPrefix(slack.getConfig().getMethodsEndpointUrlPrefix());
        this.gson = GsonFactory.createSnakeCase(slack.getHttpClient().getConfig());
    }

    @Override
    public ChatPostMessageResponse chatPostMessage(ChatPostMessageRequest req) throws IOException, SlackApiException {
        return postAndRead(
                RequestFormBuilder.toForm(req),
                Methods.CHAT_POST_MESSAGE,
                getToken(req),
                ChatPostMessageResponse.class);
    }

    @Override
    public ChatUpdateResponse chatUpdate(ChatUpdateRequest req) throws IOException, SlackApiException {
        return postAndRead(
                RequestFormBuilder.toForm(req), Methods.CHAT_UPDATE, getToken(req), ChatUpdateResponse.class);
    }

    private <T extends SlackApiTextResponse> T postAndRead(
            FormBody.Builder form, String method, String token, Class<T> type) throws IOException, SlackApiException {
        Response response = runPostFormWithToken(form, method, token);
        String body = response.body().string();
        if (!response.isSuccessful()) {
            throw new SlackApiException(getSlackHttpClient().getConfig(), response, body);
        }
        try {
            T answer = gson.fromJson(body, type);
            answer.setHttpResponseHeaders(lowerCasedNames(response.headers()));
            return answer;
        } finally {
            getSlackHttpClient().runHttpResponseListeners(response, body, false);
        }
    }

    /** The headers by lower-cased name, as the SDK hands them to an answer. */
    static Map<String, List<String>> lowerCasedNames(Headers headers) {
        Map<String, List<String>> byName = new HashMap<>();
        headers.toMultimap().forEach((name, values) -> byName.put(name.toLowerCase(Locale.ROOT), values));
        return byName;
    }
}
