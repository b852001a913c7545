package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Block Kit's limits, one rule per test, in Slack's own wording. */
class BlockKitValidatorTest {

    private final BlockKitValidator validator = new BlockKitValidator();

    @Test
    void shouldAcceptWhatTheSinkPosts() throws IOException {
        assertThat(validate("[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"INC-1\"}},"
                        + "{\"type\":\"section\",\"block_id\":\"s\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*x*\"},"
                        + "\"fields\":[{\"type\":\"mrkdwn\",\"text\":\"a\"}]},{\"type\":\"divider\"},"
                        + "{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":\"c\"}]},"
                        + "{\"type\":\"actions\",\"block_id\":\"a\",\"elements\":[{\"type\":\"button\","
                        + "\"action_id\":\"ack\",\"text\":{\"type\":\"plain_text\",\"text\":\"Acknowledge\"},"
                        + "\"style\":\"primary\",\"value\":\"INC-1\"}]}]"))
                .isEmpty();
    }

    @Test
    void shouldRefuseMoreThanFiftyBlocks() throws IOException {
        String blocks = "[" + "{\"type\":\"divider\"},".repeat(50) + "{\"type\":\"divider\"}]";
        assertThat(validate(blocks)).containsExactly("no more than 50 items allowed [json-pointer:/blocks]");
        assertThat(validate("[" + "{\"type\":\"divider\"},".repeat(49) + "{\"type\":\"divider\"}]"))
                .isEmpty();
    }

    @Test
    void shouldRefuseSectionTextOver3000Characters() throws IOException {
        assertThat(validate(section("x".repeat(3001))))
                .containsExactly("must be less than 3001 characters [json-pointer:/blocks/0/text/text]");
        assertThat(validate(section("x".repeat(3000)))).isEmpty();
    }

    @Test
    void shouldRefuseDuplicateBlockIds() throws IOException {
        assertThat(validate("[{\"type\":\"divider\",\"block_id\":\"b\"},{\"type\":\"divider\",\"block_id\":\"b\"}]"))
                .containsExactly("block_id must be unique within a message: b [json-pointer:/blocks/1/block_id]");
    }

    @Test
    void shouldRefuseMissingRequiredFields() throws IOException {
        assertThat(validate("[{\"text\":{\"type\":\"mrkdwn\",\"text\":\"x\"}}]"))
                .containsExactly("missing required field: type [json-pointer:/blocks/0]");
        assertThat(validate("[{\"type\":\"section\"}]"))
                .containsExactly("must provide either text or fields [json-pointer:/blocks/0]");
        assertThat(validate("[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\"}}]"))
                .containsExactly("missing required field: text [json-pointer:/blocks/0/text]");
        assertThat(validate("[{\"type\":\"actions\",\"elements\":[{\"type\":\"button\",\"action_id\":\"a\"}]}]"))
                .containsExactly("missing required field: text [json-pointer:/blocks/0/elements/0]");
        assertThat(validate("[{\"type\":\"context\"}]"))
                .containsExactly("missing required field: elements [json-pointer:/blocks/0]");
    }

    @Test
    void shouldRefuseButtonsWithLongTextMarkdownOrDuplicateActionIds() throws IOException {
        String button = "{\"type\":\"button\",\"action_id\":\"a\",\"text\":{\"type\":\"plain_text\",\"text\":\"%s\"}}";
        assertThat(validate("[{\"type\":\"actions\",\"elements\":[" + button.formatted("x".repeat(76)) + "]}]"))
                .containsExactly("must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]");
        assertThat(validate("[{\"type\":\"actions\",\"elements\":[" + button.formatted("x") + ","
                        + button.formatted("y") + "]}]"))
                .containsExactly(
                        "action_id must be unique within a block: a [json-pointer:/blocks/0/elements/1/action_id]");
        assertThat(validate("[{\"type\":\"header\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"x\"}}]"))
                .containsExactly("must be a plain_text text object [json-pointer:/blocks/0/text/type]");
    }

    @Test
    void shouldCheckAStaticSelectsPlaceholderOptionsAndInitialOption() throws IOException {
        String option = "{\"text\":{\"type\":\"%s\",\"text\":\"%s\"},\"value\":\"%s\"}";
        String select = "[{\"type\":\"actions\",\"elements\":[{\"type\":\"static_select\",\"action_id\":\"s\","
                + "\"placeholder\":{\"type\":\"plain_text\",\"text\":\"Snooze\"},\"options\":[%s]%s}]}]";
        String good = option.formatted("plain_text", "4 h", "PT4H");
        assertThat(validate(select.formatted(good, ",\"initial_option\":" + good)))
                .isEmpty();

        assertThat(validate(select.formatted(option.formatted("plain_text", "x".repeat(76), "v"), "")))
                .containsExactly(
                        "must be less than 76 characters [json-pointer:/blocks/0/elements/0/options/0/text/text]");
        assertThat(validate(select.formatted(option.formatted("plain_text", "4 h", "v".repeat(151)), "")))
                .containsExactly(
                        "must be less than 151 characters [json-pointer:/blocks/0/elements/0/options/0/value]");
        assertThat(validate(select.formatted(option.formatted("mrkdwn", "4 h", "v"), "")))
                .containsExactly(
                        "must be a plain_text text object [json-pointer:/blocks/0/elements/0/options/0/text/type]");
        assertThat(validate(select.formatted("", "")))
                .containsExactly("must be a non-empty array [json-pointer:/blocks/0/elements/0/options]");
        assertThat(validate(
                        select.formatted(good, ",\"initial_option\":" + option.formatted("plain_text", "1 h", "x"))))
                .containsExactly("must match one of the options [json-pointer:/blocks/0/elements/0/initial_option]");
    }

    @Test
    void shouldRefuseTooManyFieldsAndLongFields() throws IOException {
        String field = "{\"type\":\"mrkdwn\",\"text\":\"%s\"}";
        String eleven = ("[{\"type\":\"section\",\"fields\":[" + (field.formatted("f") + ",").repeat(10)
                + field.formatted("f") + "]}]");
        assertThat(validate(eleven)).containsExactly("no more than 10 items allowed [json-pointer:/blocks/0/fields]");
        assertThat(validate("[{\"type\":\"section\",\"fields\":[" + field.formatted("x".repeat(2001)) + "]}]"))
                .containsExactly("must be less than 2001 characters [json-pointer:/blocks/0/fields/0/text]");
    }

    @Test
    void shouldRefuseUnknownBlockTypes() throws IOException {
        assertThat(validate("[{\"type\":\"banner\"}]"))
                .containsExactly("unsupported type: banner [json-pointer:/blocks/0/type]");
    }

    private static String section(String text) {
        return "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"" + text + "\"}}]";
    }

    private List<String> validate(String json) throws IOException {
        JsonNode blocks = SlackJson.parse(json);
        return validator.validate(blocks, "/blocks");
    }

    @Test
    void shouldWantExactlyOneImageSourceAndExactlyOneFileReference() throws IOException {
        JsonNode blocks = SlackJson.parse("[{\"type\":\"image\",\"alt_text\":\"g\",\"image_url\":\"https://x/y.png\","
                + "\"slack_file\":{\"id\":\"F1\"}},"
                + "{\"type\":\"image\",\"alt_text\":\"g\",\"slack_file\":{\"id\":\"F1\",\"url\":\"https://x\"}},"
                + "{\"type\":\"image\",\"slack_file\":{\"id\":\"F1\"}}]");

        assertThat(validator.validate(blocks, "/blocks"))
                .containsExactly(
                        "must provide exactly one of image_url or slack_file [json-pointer:/blocks/0]",
                        "must provide exactly one of id or url [json-pointer:/blocks/1/slack_file]",
                        "missing required field: alt_text [json-pointer:/blocks/2]");
    }

    @Test
    void shouldAskItsFileCheckAboutEverySlackFileAsSlackWordsTheRefusal() throws IOException {
        BlockKitValidator knowsOnlyF1 = new BlockKitValidator((reference, byUrl) -> !byUrl && reference.equals("F1"));
        JsonNode blocks = SlackJson.parse("[{\"type\":\"image\",\"alt_text\":\"g\",\"slack_file\":{\"id\":\"F1\"}},"
                + "{\"type\":\"image\",\"alt_text\":\"g\",\"slack_file\":{\"id\":\"F2\"}},"
                + "{\"type\":\"context\",\"elements\":[{\"type\":\"image\",\"alt_text\":\"g\","
                + "\"slack_file\":{\"url\":\"https://files/F1\"}}]}]");

        assertThat(knowsOnlyF1.validate(blocks, "/blocks"))
                .containsExactly(
                        "invalid slack file [json-pointer:/blocks/1/slack_file.id/slack_file]",
                        "invalid slack file [json-pointer:/blocks/2/elements/0/slack_file.url/slack_file]");
        assertThat(validator.validate(blocks, "/blocks"))
                .as("the shape-only validator")
                .isEmpty();
    }
}
