package io.alertbridge.devkit.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest.FileDetails;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.files.FilesCompleteUploadExternalResponse;
import com.slack.api.methods.response.files.FilesDeleteResponse;
import com.slack.api.methods.response.files.FilesGetUploadURLExternalResponse;
import com.slack.api.methods.response.files.FilesInfoResponse;
import com.slack.api.methods.response.files.FilesUploadResponse;
import com.slack.api.model.File;
import com.slack.api.model.block.ImageBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.SlackFileObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Slack's file upload flow through the real Slack SDK (strict about the answers' shapes) and real HTTP: the three
 * steps, files.info, files.delete, the retired files.upload, Slack's errors, and image blocks that show a file.
 */
class FileMethodsIT {

    private static final byte[] PNG = png();

    private LocalSlackWorkspace workspace;
    private SlackSdk sdk;
    private MethodsClient slack;
    private HttpClient http;
    private String alerts;

    @BeforeEach
    void start() {
        workspace = LocalSlackWorkspace.start();
        sdk = new SlackSdk(workspace);
        slack = sdk.methods();
        http = HttpClient.newHttpClient();
        alerts = workspace.channel("alerts").orElseThrow().id();
    }

    @AfterEach
    void stop() {
        sdk.close();
        workspace.close();
    }

    private static byte[] png() {
        byte[] bytes = new byte[300];
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        Arrays.fill(bytes, signature.length, bytes.length, (byte) 7);
        return bytes;
    }

    private int post(String url, byte[] body) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    /** The three steps; returns the file id. */
    private String upload(String name, byte[] bytes, String channelId) throws Exception {
        FilesGetUploadURLExternalResponse url = slack.filesGetUploadURLExternal(
                r -> r.filename(name).length(bytes.length).altTxt("CPU, last 3 h"));
        assertThat(url.isOk()).as(url.getError()).isTrue();
        assertThat(post(url.getUploadUrl(), bytes)).isEqualTo(200);
        FilesCompleteUploadExternalResponse done = slack.filesCompleteUploadExternal(
                r -> r.files(List.of(new FileDetails(url.getFileId(), "CPU of payments-api", null)))
                        .channelId(channelId));
        assertThat(done.isOk()).as(done.getError()).isTrue();
        return url.getFileId();
    }

    private static List<LayoutBlock> image(SlackFileObject file) {
        return List.of(ImageBlock.builder().slackFile(file).altText("CPU graph").build());
    }

    @Test
    void shouldUploadInThreeStepsAndShowTheFileInInfoInTheChannelAndAtItsPrivateUrl() throws Exception {
        FilesGetUploadURLExternalResponse url = slack.filesGetUploadURLExternal(
                r -> r.filename("cpu.png").length(PNG.length).altTxt("CPU, last 3 h"));
        assertThat(url.isOk()).as(url.getError()).isTrue();
        assertThat(url.getFileId()).matches("F[A-Z0-9]{10}");
        assertThat(url.getUploadUrl()).startsWith(workspace.baseUrl() + "upload/v1/");
        HttpResponse<String> sent = http.send(
                HttpRequest.newBuilder(URI.create(url.getUploadUrl()))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(PNG))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).isEqualTo("OK - " + PNG.length);

        FilesCompleteUploadExternalResponse done = slack.filesCompleteUploadExternal(
                r -> r.files(List.of(new FileDetails(url.getFileId(), "CPU of payments-api", null)))
                        .channelId(alerts)
                        .initialComment("the graph"));
        assertThat(done.isOk()).as(done.getError()).isTrue();
        assertThat(done.getFiles()).singleElement().satisfies(f -> {
            assertThat(f.getId()).isEqualTo(url.getFileId());
            assertThat(f.getTitle()).isEqualTo("CPU of payments-api");
        });

        FilesInfoResponse info = slack.filesInfo(r -> r.file(url.getFileId()));
        assertThat(info.isOk()).as(info.getError()).isTrue();
        File file = info.getFile();
        assertThat(file.getName()).isEqualTo("cpu.png");
        assertThat(file.getMimetype()).isEqualTo("image/png");
        assertThat(file.getSize()).isEqualTo(PNG.length);
        assertThat(file.getAltTxt()).isEqualTo("CPU, last 3 h");
        assertThat(file.getChannels()).containsExactly(alerts);
        assertThat(workspace.file(url.getFileId()).orElseThrow().bytes()).isEqualTo(PNG);

        HttpResponse<byte[]> withToken = http.send(
                HttpRequest.newBuilder(URI.create(file.getUrlPrivate()))
                        .header("Authorization", "Bearer " + workspace.botToken())
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.body()).isEqualTo(PNG);
        HttpResponse<byte[]> withoutToken = http.send(
                HttpRequest.newBuilder(URI.create(file.getUrlPrivate())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(withoutToken.statusCode()).isEqualTo(403);

        ConversationsHistoryResponse history = slack.conversationsHistory(r -> r.channel(alerts));
        assertThat(history.isOk()).as(history.getError()).isTrue();
        assertThat(history.getMessages()).singleElement().satisfies(m -> {
            assertThat(m.getText()).isEqualTo("the graph");
            assertThat(m.getFiles()).extracting(File::getId).containsExactly(url.getFileId());
        });
    }

    @Test
    void shouldAcceptAMultipartUploadAndRefuseAWrongLengthAReusedUrlAndAnUnknownOne() throws Exception {
        FilesGetUploadURLExternalResponse url =
                slack.filesGetUploadURLExternal(r -> r.filename("cpu.png").length(PNG.length));
        assertThat(post(url.getUploadUrl(), Arrays.copyOf(PNG, PNG.length - 1))).isEqualTo(400);
        assertThat(post(workspace.baseUrl() + "upload/v1/0123456789abcdef", PNG))
                .isEqualTo(404);
        FilesCompleteUploadExternalResponse early =
                slack.filesCompleteUploadExternal(r -> r.files(List.of(new FileDetails(url.getFileId(), null, null))));
        assertThat(early.getError()).as("completing before the bytes arrived").isEqualTo("file_not_found");

        String boundary = "----alertbridge";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cpu.png\"\r\n"
                        + "Content-Type: image/png\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new byte[head.length + PNG.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(PNG, 0, body, head.length, PNG.length);
        System.arraycopy(tail, 0, body, head.length + PNG.length, tail.length);
        int status = http.send(
                        HttpRequest.newBuilder(URI.create(url.getUploadUrl()))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
        assertThat(status).isEqualTo(200);
        assertThat(workspace.file(url.getFileId()).orElseThrow().bytes()).isEqualTo(PNG);
        assertThat(post(url.getUploadUrl(), PNG))
                .as("an upload URL is used once")
                .isEqualTo(400);

        FilesCompleteUploadExternalResponse done =
                slack.filesCompleteUploadExternal(r -> r.files(List.of(new FileDetails(url.getFileId(), null, null))));
        assertThat(done.isOk()).as(done.getError()).isTrue();
        FilesCompleteUploadExternalResponse again =
                slack.filesCompleteUploadExternal(r -> r.files(List.of(new FileDetails(url.getFileId(), null, null))));
        assertThat(again.getError()).as("completed once only").isEqualTo("file_not_found");
        assertThat(slack.filesInfo(r -> r.file(url.getFileId())).getFile().getChannels())
                .as("completed without a channel: private")
                .isEmpty();
    }

    @Test
    void shouldAnswerSlacksErrorNames() throws Exception {
        assertThat(slack.filesGetUploadURLExternal(r -> r.length(10)).getError())
                .isEqualTo("invalid_arguments");
        assertThat(slack.filesGetUploadURLExternal(r -> r.filename("a.png")).getError())
                .isEqualTo("invalid_arguments");
        assertThat(slack.filesGetUploadURLExternal(r -> r.filename("a.png").length(0))
                        .getError())
                .isEqualTo("invalid_arguments");
        assertThat(slack.filesGetUploadURLExternal(
                                r -> r.filename("a.png").length(1).altTxt("x".repeat(1001)))
                        .getError())
                .isEqualTo("alt_txt_too_large");
        assertThat(slack.filesInfo(r -> r.file("F0000000000")).getError()).isEqualTo("file_not_found");
        assertThat(slack.filesDelete(r -> r.file("F0000000000")).getError()).isEqualTo("file_not_found");
        assertThat(sdk.methods("xoxb-wrong")
                        .filesInfo(r -> r.file("F0000000000"))
                        .getError())
                .isEqualTo("invalid_auth");

        FilesGetUploadURLExternalResponse url =
                slack.filesGetUploadURLExternal(r -> r.filename("cpu.png").length(PNG.length));
        assertThat(post(url.getUploadUrl(), PNG)).isEqualTo(200);
        String random = workspace.channel("random").orElseThrow().id();
        assertThat(slack.filesCompleteUploadExternal(r -> r.files(List.of(new FileDetails(url.getFileId(), null, null)))
                                .channelId(random))
                        .getError())
                .isEqualTo("not_in_channel");
        assertThat(slack.filesCompleteUploadExternal(r -> r.files(List.of(new FileDetails(url.getFileId(), null, null)))
                                .channelId("C0000000000"))
                        .getError())
                .isEqualTo("channel_not_found");

        FilesUploadResponse retired = slack.filesUpload(r -> r.filename("a.txt").content("x"));
        assertThat(retired.getError()).isEqualTo("method_deprecated");

        workspace.revokeScope("files:write");
        FilesGetUploadURLExternalResponse denied =
                slack.filesGetUploadURLExternal(r -> r.filename("a.png").length(1));
        assertThat(denied.getError()).isEqualTo("missing_scope");
        assertThat(denied.getNeeded()).isEqualTo("files:write");
        assertThat(denied.getProvided()).contains("files:read").doesNotContain("files:write");
        workspace.grantScope("files:write");
        assertThat(slack.filesGetUploadURLExternal(r -> r.filename("a.png").length(1))
                        .isOk())
                .isTrue();
    }

    @Test
    void shouldRateLimitFilesDeleteAtTier3() throws Exception {
        for (int i = 0; i < RateLimiter.Tier.TIER_3.perMinute; i++) {
            assertThat(slack.filesDelete(r -> r.file("F0000000000")).getError()).isEqualTo("file_not_found");
        }
        assertThatThrownBy(() -> slack.filesDelete(r -> r.file("F0000000000")))
                .isInstanceOfSatisfying(SlackApiException.class, e -> {
                    assertThat(e.getResponse().code()).isEqualTo(429);
                    assertThat(e.getResponse().header("Retry-After")).isNotBlank();
                });
    }

    @Test
    void shouldShowASharedFileInAnImageBlockByIdOrUrlAndRefuseItOnceDeleted() throws Exception {
        String id = upload("cpu.png", PNG, alerts);
        String urlPrivate = slack.filesInfo(r -> r.file(id)).getFile().getUrlPrivate();

        ChatPostMessageResponse byId = slack.chatPostMessage(r -> r.channel(alerts)
                .text("graph")
                .blocks(image(SlackFileObject.builder().id(id).build())));
        assertThat(byId.isOk()).as(byId.getError() + " " + byId.getErrors()).isTrue();
        ChatPostMessageResponse byUrl = slack.chatPostMessage(r -> r.channel(alerts)
                .text("graph")
                .blocks(image(SlackFileObject.builder().url(urlPrivate).build())));
        assertThat(byUrl.isOk()).as(byUrl.getError()).isTrue();
        ChatPostMessageResponse noAlt = slack.chatPostMessage(r -> r.channel(alerts)
                .text("graph")
                .blocks(List.of(ImageBlock.builder()
                        .slackFile(SlackFileObject.builder().id(id).build())
                        .build())));
        assertThat(noAlt.getError()).isEqualTo("invalid_blocks");
        assertThat(noAlt.getErrors()).contains("missing required field: alt_text [json-pointer:/blocks/0]");

        FilesDeleteResponse deleted = slack.filesDelete(r -> r.file(id));
        assertThat(deleted.isOk()).as(deleted.getError()).isTrue();
        assertThat(slack.filesDelete(r -> r.file(id)).getError()).isEqualTo("file_deleted");
        assertThat(slack.filesInfo(r -> r.file(id)).getError()).isEqualTo("file_deleted");
        assertThat(workspace.file(id).orElseThrow().deleted()).isTrue();

        // The SDK's ChatUpdateResponse has no "errors" field, so the strict client cannot read this answer: the
        // recorder shows what was answered.
        catchThrowable(() -> slack.chatUpdate(r -> r.channel(alerts)
                .ts(byId.getTs())
                .text("graph")
                .blocks(image(SlackFileObject.builder().id(id).build()))));
        ApiCall refused = workspace.calls("chat.update").get(0);
        assertThat(refused.error()).isEqualTo("invalid_blocks");
        assertThat(refused.response().path("errors").toString())
                .isEqualTo("[\"invalid slack file [json-pointer:/blocks/0/slack_file.id/slack_file]\"]");
        ChatPostMessageResponse refusedByUrl = slack.chatPostMessage(r -> r.channel(alerts)
                .text("graph")
                .blocks(image(SlackFileObject.builder().url(urlPrivate).build())));
        assertThat(refusedByUrl.getErrors())
                .containsExactly("invalid slack file [json-pointer:/blocks/0/slack_file.url/slack_file]");

        ConversationsHistoryResponse history = slack.conversationsHistory(r -> r.channel(alerts));
        assertThat(history.isOk())
                .as("a deleted file reads as Slack's tombstone: " + history.getError())
                .isTrue();
        assertThat(history.getMessages())
                .filteredOn(m -> m.getFiles() != null)
                .singleElement()
                .satisfies(m -> assertThat(m.getFiles().get(0).getMode()).isEqualTo("tombstone"));
    }

    @Test
    void shouldRefuseAnImageBlockOfAFileNeverSharedOrUnknown() throws Exception {
        String unshared = upload("cpu.png", PNG, null);
        ChatPostMessageResponse privateFile = slack.chatPostMessage(r -> r.channel(alerts)
                .text("graph")
                .blocks(image(SlackFileObject.builder().id(unshared).build())));
        assertThat(privateFile.getError()).isEqualTo("invalid_blocks");
        assertThat(privateFile.getErrors())
                .containsExactly("invalid slack file [json-pointer:/blocks/0/slack_file.id/slack_file]");
        ChatPostMessageResponse unknown = slack.chatPostMessage(r -> r.channel(alerts)
                .text("graph")
                .blocks(image(SlackFileObject.builder().id("F0000000000").build())));
        assertThat(unknown.getError()).isEqualTo("invalid_blocks");
    }
}
