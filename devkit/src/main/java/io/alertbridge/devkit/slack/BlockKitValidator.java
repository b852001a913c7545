package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks Block Kit the way Slack does before it accepts a message: at most 50 blocks, known block types, the
 * fields each type requires, text lengths (3,000 characters for a section's text, 2,000 per field, 150 for a
 * header, 75 for a button), static select menus (1 to 100 options of plain text up to 75 characters with values up
 * to 150, a placeholder up to 150, an initial option that is one of the options), unique {@code block_id}s within
 * a message and unique {@code action_id}s within a block. Images (blocks and elements) need {@code alt_text} and
 * exactly one source: {@code image_url} or a {@code slack_file} with exactly one of {@code id} or {@code url}. Each
 * problem is reported as Slack words it, with a JSON pointer:
 * {@code must be less than 3001 characters [json-pointer:/blocks/0/text/text]}.
 *
 * <p>Whether a {@code slack_file} names a file that an image may show is known only to a workspace: the workspace
 * checks it ({@code invalid slack file [json-pointer:/blocks/0/slack_file.id/slack_file]}, as Slack answers for a
 * file that is unknown, deleted, not finished or never shared). A validator made with {@link #BlockKitValidator()}
 * checks the shape only.
 *
 * <p>The workspace checks every posted and edited message with it; tests of code that renders Block Kit may call
 * it directly. Stateless apart from its file check; thread-safe.
 */
public final class BlockKitValidator {

    static final int MAX_BLOCKS = 50;
    static final int MAX_SECTION_TEXT = 3000;
    static final int MAX_FIELD_TEXT = 2000;
    static final int MAX_FIELDS = 10;
    static final int MAX_HEADER_TEXT = 150;
    static final int MAX_BUTTON_TEXT = 75;
    static final int MAX_ACTION_ELEMENTS = 25;
    static final int MAX_CONTEXT_ELEMENTS = 10;
    static final int MAX_ID = 255;
    static final int MAX_OPTIONS = 100;
    static final int MAX_OPTION_TEXT = 75;
    static final int MAX_OPTION_VALUE = 150;
    static final int MAX_PLACEHOLDER_TEXT = 150;
    static final int MAX_IMAGE_URL = 3000;
    static final int MAX_ALT_TEXT = 2000;
    static final int MAX_IMAGE_TITLE = 2000;

    private static final Set<String> OTHER_BLOCK_TYPES =
            Set.of("rich_text", "input", "file", "video", "markdown", "call", "table");
    private static final Set<String> ELEMENT_TYPES = Set.of(
            "button",
            "static_select",
            "external_select",
            "users_select",
            "conversations_select",
            "channels_select",
            "multi_static_select",
            "multi_external_select",
            "multi_users_select",
            "multi_conversations_select",
            "multi_channels_select",
            "overflow",
            "datepicker",
            "timepicker",
            "datetimepicker",
            "checkboxes",
            "radio_buttons",
            "image",
            "workflow_button");

    /** Tells whether a {@code slack_file} reference may be shown by an image. */
    @FunctionalInterface
    interface FileCheck {
        /** True when {@code reference} (an id, or a URL when {@code byUrl}) names a file an image may show. */
        boolean usable(String reference, boolean byUrl);
    }

    private final FileCheck files;

    /** A validator of the shape alone: any {@code slack_file} with an id or a url passes. */
    public BlockKitValidator() {
        this((reference, byUrl) -> true);
    }

    /** A validator that asks {@code files} about every {@code slack_file}. */
    BlockKitValidator(FileCheck files) {
        this.files = files;
    }

    /**
     * The problems found in {@code blocks} (a JSON array, in Slack's snake_case), under the given pointer
     * ({@code /blocks}); empty when Slack would accept them.
     */
    public List<String> validate(JsonNode blocks, String pointer) {
        Problems problems = new Problems();
        if (!blocks.isArray()) {
            problems.add("expected array", pointer);
            return problems.list;
        }
        if (blocks.size() > MAX_BLOCKS) {
            problems.add("no more than " + MAX_BLOCKS + " items allowed", pointer);
        }
        Set<String> blockIds = new HashSet<>();
        for (int i = 0; i < blocks.size(); i++) {
            block(blocks.get(i), pointer + "/" + i, blockIds, problems);
        }
        return problems.list;
    }

    private void block(JsonNode block, String at, Set<String> blockIds, Problems problems) {
        if (!block.isObject()) {
            problems.add("expected object", at);
            return;
        }
        JsonNode blockId = block.get("block_id");
        if (blockId != null) {
            String id = blockId.asText();
            if (!blockId.isTextual() || id.isEmpty()) {
                problems.add("must be a non-empty string", at + "/block_id");
            } else if (id.length() > MAX_ID) {
                problems.add("must be less than " + (MAX_ID + 1) + " characters", at + "/block_id");
            } else if (!blockIds.add(id)) {
                problems.add("block_id must be unique within a message: " + id, at + "/block_id");
            }
        }
        String type = requiredString(block, "type", at, problems);
        if (type == null) {
            return;
        }
        switch (type) {
            case "section" -> section(block, at, problems);
            case "header" -> text(block.get("text"), at + "/text", true, MAX_HEADER_TEXT, problems);
            case "divider" -> {
                // A divider has nothing to check.
            }
            case "context" -> context(block, at, problems);
            case "actions" -> actions(block, at, problems);
            case "image" -> image(block, at, problems);
            default -> {
                if (!OTHER_BLOCK_TYPES.contains(type)) {
                    problems.add("unsupported type: " + type, at + "/type");
                }
            }
        }
    }

    private void section(JsonNode block, String at, Problems problems) {
        JsonNode text = block.get("text");
        JsonNode fields = block.get("fields");
        if (text == null && fields == null) {
            problems.add("must provide either text or fields", at);
        }
        if (text != null) {
            text(text, at + "/text", false, MAX_SECTION_TEXT, problems);
        }
        if (fields != null) {
            if (!fields.isArray() || fields.isEmpty()) {
                problems.add("must be a non-empty array", at + "/fields");
            } else {
                if (fields.size() > MAX_FIELDS) {
                    problems.add("no more than " + MAX_FIELDS + " items allowed", at + "/fields");
                }
                for (int i = 0; i < fields.size(); i++) {
                    text(fields.get(i), at + "/fields/" + i, false, MAX_FIELD_TEXT, problems);
                }
            }
        }
        JsonNode accessory = block.get("accessory");
        if (accessory != null) {
            element(accessory, at + "/accessory", new HashSet<>(), problems);
        }
    }

    private void context(JsonNode block, String at, Problems problems) {
        JsonNode elements = block.get("elements");
        if (elements == null || !elements.isArray() || elements.isEmpty()) {
            problems.add("missing required field: elements", at);
            return;
        }
        if (elements.size() > MAX_CONTEXT_ELEMENTS) {
            problems.add("no more than " + MAX_CONTEXT_ELEMENTS + " items allowed", at + "/elements");
        }
        for (int i = 0; i < elements.size(); i++) {
            JsonNode element = elements.get(i);
            String elementAt = at + "/elements/" + i;
            if ("image".equals(element.path("type").asText())) {
                image(element, elementAt, problems);
            } else {
                text(element, elementAt, false, MAX_SECTION_TEXT, problems);
            }
        }
    }

    private void actions(JsonNode block, String at, Problems problems) {
        JsonNode elements = block.get("elements");
        if (elements == null || !elements.isArray() || elements.isEmpty()) {
            problems.add("missing required field: elements", at);
            return;
        }
        if (elements.size() > MAX_ACTION_ELEMENTS) {
            problems.add("no more than " + MAX_ACTION_ELEMENTS + " items allowed", at + "/elements");
        }
        Set<String> actionIds = new HashSet<>();
        for (int i = 0; i < elements.size(); i++) {
            element(elements.get(i), at + "/elements/" + i, actionIds, problems);
        }
    }

    private void element(JsonNode element, String at, Set<String> actionIds, Problems problems) {
        if (!element.isObject()) {
            problems.add("expected object", at);
            return;
        }
        String type = requiredString(element, "type", at, problems);
        if (type == null) {
            return;
        }
        if (!ELEMENT_TYPES.contains(type)) {
            problems.add("unsupported type: " + type, at + "/type");
            return;
        }
        JsonNode actionId = element.get("action_id");
        if (actionId != null) {
            String id = actionId.asText();
            if (id.isEmpty() || id.length() > MAX_ID) {
                problems.add("must be between 1 and " + MAX_ID + " characters", at + "/action_id");
            } else if (!actionIds.add(id)) {
                problems.add("action_id must be unique within a block: " + id, at + "/action_id");
            }
        }
        switch (type) {
            case "button" -> button(element, at, problems);
            case "image" -> image(element, at, problems);
            case "static_select", "multi_static_select" -> staticSelect(element, at, problems);
            default -> {
                // Other elements are accepted as they come.
            }
        }
    }

    private void staticSelect(JsonNode select, String at, Problems problems) {
        JsonNode placeholder = select.get("placeholder");
        if (placeholder != null) {
            text(placeholder, at + "/placeholder", true, MAX_PLACEHOLDER_TEXT, problems);
        }
        JsonNode options = select.get("options");
        JsonNode groups = select.get("option_groups");
        if ((options == null) == (groups == null)) {
            problems.add("must provide exactly one of options or option_groups", at);
            return;
        }
        if (groups != null) {
            for (int g = 0; groups.isArray() && g < groups.size(); g++) {
                options(groups.get(g).get("options"), at + "/option_groups/" + g + "/options", problems);
            }
            return;
        }
        options(options, at + "/options", problems);
        JsonNode initial = select.get("initial_option");
        if (initial != null) {
            boolean listed = false;
            for (JsonNode option : options) {
                listed |= option.equals(initial);
            }
            if (!listed) {
                problems.add("must match one of the options", at + "/initial_option");
            }
        }
    }

    private void options(JsonNode options, String at, Problems problems) {
        if (options == null || !options.isArray() || options.isEmpty()) {
            problems.add("must be a non-empty array", at);
            return;
        }
        if (options.size() > MAX_OPTIONS) {
            problems.add("no more than " + MAX_OPTIONS + " items allowed", at);
        }
        for (int i = 0; i < options.size(); i++) {
            JsonNode option = options.get(i);
            String optionAt = at + "/" + i;
            text(option.get("text"), optionAt + "/text", true, MAX_OPTION_TEXT, problems);
            if (requiredString(option, "value", optionAt, problems) != null) {
                maxLength(option, "value", MAX_OPTION_VALUE, optionAt, problems);
            }
        }
    }

    private void button(JsonNode button, String at, Problems problems) {
        text(button.get("text"), at + "/text", true, MAX_BUTTON_TEXT, problems);
        maxLength(button, "value", 2000, at, problems);
        maxLength(button, "url", 3000, at, problems);
        JsonNode style = button.get("style");
        if (style != null
                && !style.asText().equals("primary")
                && !style.asText().equals("danger")) {
            problems.add("must be one of: primary, danger", at + "/style");
        }
    }

    private void image(JsonNode image, String at, Problems problems) {
        boolean byUrl = image.hasNonNull("image_url");
        JsonNode slackFile = image.get("slack_file");
        if (!byUrl && slackFile == null) {
            problems.add("missing required field: image_url", at);
        } else if (byUrl && slackFile != null) {
            problems.add("must provide exactly one of image_url or slack_file", at);
        } else if (slackFile != null) {
            slackFile(slackFile, at, problems);
        } else {
            maxLength(image, "image_url", MAX_IMAGE_URL, at, problems);
        }
        requiredString(image, "alt_text", at, problems);
        maxLength(image, "alt_text", MAX_ALT_TEXT, at, problems);
        JsonNode title = image.get("title");
        if (title != null && "image".equals(image.path("type").asText())) {
            text(title, at + "/title", true, MAX_IMAGE_TITLE, problems);
        }
    }

    /** A Slack file object: exactly one of {@code id} or {@code url}, naming a file an image may show. */
    private void slackFile(JsonNode slackFile, String at, Problems problems) {
        String pointer = at + "/slack_file";
        if (!slackFile.isObject()) {
            problems.add("expected object", pointer);
            return;
        }
        JsonNode id = slackFile.get("id");
        JsonNode url = slackFile.get("url");
        if ((id == null) == (url == null)) {
            problems.add("must provide exactly one of id or url", pointer);
            return;
        }
        boolean byUrl = url != null;
        JsonNode reference = byUrl ? url : id;
        if (!reference.isTextual() || reference.asText().isBlank() || !files.usable(reference.asText(), byUrl)) {
            problems.add("invalid slack file", pointer + (byUrl ? ".url" : ".id") + "/slack_file");
        }
    }

    /** A text object: {@code type} plain_text or mrkdwn (only plain_text when {@code plainOnly}), 1..max chars. */
    private void text(JsonNode text, String at, boolean plainOnly, int max, Problems problems) {
        if (text == null) {
            problems.add("missing required field: text", at.substring(0, at.lastIndexOf('/')));
            return;
        }
        if (!text.isObject()) {
            problems.add("expected object", at);
            return;
        }
        String type = requiredString(text, "type", at, problems);
        if (type != null) {
            if (plainOnly && !type.equals("plain_text")) {
                problems.add("must be a plain_text text object", at + "/type");
            } else if (!type.equals("plain_text") && !type.equals("mrkdwn")) {
                problems.add("must be one of: plain_text, mrkdwn", at + "/type");
            }
        }
        JsonNode value = text.get("text");
        if (value == null || !value.isTextual()) {
            problems.add("missing required field: text", at);
        } else if (value.asText().isEmpty()) {
            problems.add("must be more than 0 characters", at + "/text");
        } else if (value.asText().length() > max) {
            problems.add("must be less than " + (max + 1) + " characters", at + "/text");
        }
    }

    private static String requiredString(JsonNode node, String field, String at, Problems problems) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            problems.add("missing required field: " + field, at);
            return null;
        }
        return value.asText();
    }

    private static void maxLength(JsonNode node, String field, int max, String at, Problems problems) {
        JsonNode value = node.get(field);
        if (value != null && value.asText().length() > max) {
            problems.add("must be less than " + (max + 1) + " characters", at + "/" + field);
        }
    }

    private static final class Problems {
        private final List<String> list = new ArrayList<>();

        void add(String message, String pointer) {
            list.add(message + " [json-pointer:" + pointer + "]");
        }
    }
}
