package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every block a {@code block_id} and every interactive element an {@code action_id} when the sender left
 * them out, as Slack does when it stores a message: the ids then come back in history and in interaction payloads.
 */
final class GeneratedIds {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private GeneratedIds() {}

    /** Fills in missing ids in the blocks and in every attachment's blocks. */
    static void fill(ArrayNode blocks, ArrayNode attachments) {
        if (blocks != null) {
            fillBlocks(blocks);
        }
        if (attachments != null) {
            for (JsonNode attachment : attachments) {
                if (attachment.get("blocks") instanceof ArrayNode attachmentBlocks) {
                    fillBlocks(attachmentBlocks);
                }
            }
        }
    }

    private static void fillBlocks(ArrayNode blocks) {
        Set<String> blockIds = new HashSet<>();
        blocks.forEach(b -> blockIds.add(b.path("block_id").asText("")));
        for (JsonNode node : blocks) {
            if (!(node instanceof ObjectNode block)) {
                continue;
            }
            if (!block.hasNonNull("block_id")) {
                block.put("block_id", fresh(5, blockIds));
            }
            Set<String> actionIds = new HashSet<>();
            if (block.get("elements") instanceof ArrayNode elements
                    && "actions".equals(block.path("type").asText())) {
                elements.forEach(e -> actionIds.add(e.path("action_id").asText("")));
                elements.forEach(e -> fillActionId(e, actionIds));
            }
            if (block.get("accessory") != null) {
                fillActionId(block.get("accessory"), actionIds);
            }
        }
    }

    private static void fillActionId(JsonNode node, Set<String> taken) {
        if (node instanceof ObjectNode element
                && !element.hasNonNull("action_id")
                && !"image".equals(element.path("type").asText())) {
            element.put("action_id", fresh(4, taken));
        }
    }

    private static String fresh(int length, Set<String> taken) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String id;
        do {
            StringBuilder sb = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            id = sb.toString();
        } while (!taken.add(id));
        return id;
    }
}
