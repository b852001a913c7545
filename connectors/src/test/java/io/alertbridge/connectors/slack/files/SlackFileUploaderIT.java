package io.alertbridge.connectors.slack.files;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.files.FilesInfoResponse;
import com.slack.api.model.block.ImageBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.SlackFileObject;
import io.alertbridge.connectors.slack.files.UploadResult.Outcome;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The uploader against the local Slack workspace over real HTTP: upload, files.info, an image block that shows the
 * file, replacing and deleting it (after which Slack refuses the block), and each failure classified, never thrown.
 */
class SlackFileUploaderIT {

    private static final byte[] PNG = png();

    private LocalSlackWorkspace workspace;
    private Slack slack;
    private MethodsClient methods;
    private SlackFileUploader uploader;
    private String alerts;

    private static byte[] png() {
        byte[] bytes = new byte[2048];
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        Arrays.fill(bytes, signature.length, bytes.length, (byte) 3);
        return bytes;
    }

    @BeforeEach
    void start() {
        workspace = LocalSlackWorkspace.start();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(workspace.apiUrl());
        config.getMethodsConfig().setStatsEnabled(false);
        slack = Slack.getInstance(config);
        methods = slack.methods(workspace.botToken());
        uploader = new SlackFileUploader(methods);
        alerts = workspace.channel("alerts").orElseThrow().id();
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        workspace.close();
    }

    private static List<LayoutBlock> image(String fileId) {
        return List.of(ImageBlock.builder()
                .slackFile(SlackFileObject.builder().id(fileId).build())
                .altText("CPU of payments-api, last 3 hours")
                .build());
    }

    private ChatPostMessageResponse postImage(String fileId) throws Exception {
        return methods.chatPostMessage(
                r -> r.channel(alerts).text("INC-7 graph").blocks(image(fileId)));
    }

    @Test
    void shouldUploadAPngThatAnImageBlockShowsThenReplaceAndDeleteIt() throws Exception {
        UploadResult first = uploader.upload(FileUpload.png("cpu-INC-7.png", PNG, "CPU, last 3 h", alerts));

        assertThat(first.outcome()).as(first.reason()).isEqualTo(Outcome.UPLOADED);
        FilesInfoResponse info = methods.filesInfo(r -> r.file(first.fileId()));
        assertThat(info.isOk()).as(info.getError()).isTrue();
        assertThat(info.getFile().getName()).isEqualTo("cpu-INC-7.png");
        assertThat(info.getFile().getMimetype()).isEqualTo("image/png");
        assertThat(info.getFile().getAltTxt()).isEqualTo("CPU, last 3 h");
        assertThat(workspace.file(first.fileId()).orElseThrow().bytes()).isEqualTo(PNG);
        ChatPostMessageResponse shown = postImage(first.fileId());
        assertThat(shown.isOk()).as(shown.getError() + " " + shown.getErrors()).isTrue();

        UploadResult second = uploader.upload(
                FileUpload.png("cpu-INC-7.png", PNG, "CPU, last 3 h", alerts).replacing(first.fileId()));
        assertThat(second.outcome()).isEqualTo(Outcome.UPLOADED);
        assertThat(second.fileId()).isNotEqualTo(first.fileId());
        assertThat(second.replaced().outcome()).isEqualTo(Outcome.DELETED);
        assertThat(workspace.file(first.fileId()).orElseThrow().deleted()).isTrue();
        ChatPostMessageResponse refused = postImage(first.fileId());
        assertThat(refused.getError()).isEqualTo("invalid_blocks");
        assertThat(refused.getErrors())
                .containsExactly("invalid slack file [json-pointer:/blocks/0/slack_file.id/slack_file]");
        assertThat(postImage(second.fileId()).isOk()).isTrue();

        assertThat(uploader.delete(second.fileId()).outcome()).isEqualTo(Outcome.DELETED);
        assertThat(postImage(second.fileId()).getError()).isEqualTo("invalid_blocks");
        assertThat(uploader.delete(second.fileId()).outcome())
                .as("a file gone already counts as deleted")
                .isEqualTo(Outcome.DELETED);
        assertThat(workspace.calls("files.completeUploadExternal"))
                .allSatisfy(call -> assertThat(call.param("channel_id")).isEqualTo(alerts));
    }

    @Test
    void shouldClassifyEachFailureWithoutThrowing() {
        FileUpload upload = FileUpload.png("cpu.png", PNG, "CPU", alerts);

        workspace.force429("files.getUploadURLExternal", 1, 7);
        UploadResult limited = uploader.upload(upload);
        assertThat(limited.outcome()).isEqualTo(Outcome.RATE_LIMITED);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(7));

        workspace.failNext("files.completeUploadExternal", 1, 503);
        assertThat(uploader.upload(upload).outcome()).isEqualTo(Outcome.UNREACHABLE);

        workspace.revokeScope("files:write");
        UploadResult noScope = uploader.upload(upload);
        assertThat(noScope.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(noScope.error()).isEqualTo("missing_scope");
        workspace.grantScope("files:write");

        String random = workspace.channel("random").orElseThrow().id();
        UploadResult notMember = uploader.upload(FileUpload.png("cpu.png", PNG, "CPU", random));
        assertThat(notMember.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(notMember.error()).isEqualTo("not_in_channel");

        workspace.revokeToken(true);
        UploadResult revoked = uploader.upload(upload);
        assertThat(revoked.outcome()).isEqualTo(Outcome.INVALID_TOKEN);
        assertThat(revoked.error()).isEqualTo("token_revoked");
        workspace.revokeToken(false);

        assertThat(uploader.upload(upload).outcome()).isEqualTo(Outcome.UPLOADED);
        workspace.close();
        UploadResult down = uploader.upload(upload);
        assertThat(down.outcome()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(uploader.delete("F0000000000").outcome()).isEqualTo(Outcome.UNREACHABLE);
    }
}
