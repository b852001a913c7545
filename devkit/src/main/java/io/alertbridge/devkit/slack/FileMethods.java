package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Slack's file upload flow and the file methods around it: {@code files.getUploadURLExternal} (filename, length,
 * optional {@code alt_txt} and {@code snippet_type}) answers an upload URL served by the workspace, where the bytes
 * are POSTed ({@link FileTransfers}); {@code files.completeUploadExternal} (files=[{id,title}], optional
 * {@code channel_id} or {@code channels}, {@code initial_comment}, {@code thread_ts}) finishes the upload and shares
 * the file, as a message from the bot, where asked; {@code files.info} and {@code files.delete}. The retired
 * {@code files.upload} answers {@code method_deprecated}, as Slack does since March 2025.
 *
 * <p>Errors as Slack names them: {@code invalid_arguments} (a required argument missing or malformed, with the
 * problem in {@code response_metadata.messages}), {@code alt_txt_too_large}, {@code file_not_found} (unknown, or
 * its bytes never sent), {@code file_deleted}, {@code cant_delete_file}, {@code channel_not_found},
 * {@code not_in_channel}, {@code is_archived}. Scopes: {@code files:write}, {@code files:read} for
 * {@code files.info}.
 *
 * <p>Called with the state's lock held.
 */
final class FileMethods {

    static final int MAX_ALT_TXT = 1000;
    /** Slack's upload limit: 1 GB. */
    static final long MAX_LENGTH = 1L << 30;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WorkspaceState state;
    private final SlackShapes shapes;
    private final Supplier<String> baseUrl;

    FileMethods(WorkspaceState state, SlackShapes shapes, Supplier<String> baseUrl) {
        this.state = state;
        this.shapes = shapes;
        this.baseUrl = baseUrl;
    }

    void register(Map<String, ApiMethod.Spec> methods) {
        methods.put(
                "files.getUploadURLExternal",
                new ApiMethod.Spec(RateLimiter.Tier.TIER_4, this::getUploadUrlExternal, "files:write"));
        methods.put(
                "files.completeUploadExternal",
                new ApiMethod.Spec(RateLimiter.Tier.TIER_4, this::completeUploadExternal, "files:write"));
        methods.put("files.info", new ApiMethod.Spec(RateLimiter.Tier.TIER_4, this::info, "files:read"));
        methods.put("files.delete", new ApiMethod.Spec(RateLimiter.Tier.TIER_3, this::delete, "files:write"));
        methods.put("files.upload", new ApiMethod.Spec(RateLimiter.Tier.TIER_2, request -> {
            throw SlackApiError.of("method_deprecated");
        }));
    }

    ObjectNode getUploadUrlExternal(ApiRequest request) throws SlackApiError {
        String filename = request.string("filename");
        if (filename == null || filename.isBlank()) {
            throw invalidArguments("missing required field: filename");
        }
        long length = length(request.string("length"));
        String altTxt = request.string("alt_txt");
        if (altTxt != null && altTxt.length() > MAX_ALT_TXT) {
            throw SlackApiError.of("alt_txt_too_large");
        }
        String id = state.nextFileId();
        String ticket = HexFormat.of().formatHex(bytes(16));
        String name = filename.strip();
        String pri = baseUrl.get() + "files-pri/" + state.teamId + "-" + id + "/";
        StoredFile.Urls urls = new StoredFile.Urls(
                baseUrl.get() + FileTransfers.UPLOAD_PATH + ticket,
                pri + FileTransfers.encode(name),
                pri + "download/" + FileTransfers.encode(name),
                baseUrl.get() + "files/" + state.bot.id() + "/" + id + "/" + FileTransfers.encode(name));
        StoredFile file = new StoredFile(
                id,
                name,
                (int) length,
                altTxt,
                request.string("snippet_type"),
                state.bot.id(),
                state.nowSeconds(),
                urls);
        state.addFile(file);
        ObjectNode answer = SlackJson.object();
        answer.put("upload_url", file.uploadUrl);
        answer.put("file_id", file.id);
        return answer;
    }

    private static byte[] bytes(int n) {
        byte[] out = new byte[n];
        RANDOM.nextBytes(out);
        return out;
    }

    private static long length(String value) throws SlackApiError {
        if (value == null || value.isBlank()) {
            throw invalidArguments("missing required field: length");
        }
        long length;
        try {
            length = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw invalidArguments("invalid value for field: length, expected integer");
        }
        if (length < 1 || length > MAX_LENGTH) {
            throw invalidArguments("length must be between 1 and " + MAX_LENGTH);
        }
        return length;
    }

    ObjectNode completeUploadExternal(ApiRequest request) throws SlackApiError {
        JsonNode files = request.json("files", "invalid_arguments");
        if (files == null || !files.isArray() || files.isEmpty()) {
            throw invalidArguments("missing required field: files");
        }
        List<StoredFile> found = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (JsonNode entry : files) {
            String id = entry.path("id").asText("");
            if (id.isBlank()) {
                throw invalidArguments("missing required field: id");
            }
            StoredFile file = state.fileById(id)
                    .filter(f -> f.uploaded() && !f.completed && !f.deleted)
                    .orElseThrow(() -> SlackApiError.of("file_not_found"));
            found.add(file);
            String title = entry.path("title").asText("");
            titles.add(title.isBlank() ? file.name : title);
        }
        List<StoredChannel> channels = shareTargets(request);
        StoredMessage parent = threadParent(request, channels);
        for (int i = 0; i < found.size(); i++) {
            found.get(i).completed = true;
            found.get(i).title = titles.get(i);
        }
        for (StoredChannel channel : channels) {
            share(channel, channel == channels.get(0) ? parent : null, found, request.string("initial_comment"));
        }
        state.changed();
        ObjectNode answer = SlackJson.object();
        ArrayNode list = answer.putArray("files");
        found.forEach(f -> list.add(SlackJson.object().put("id", f.id).put("title", f.title)));
        return answer;
    }

    private List<StoredChannel> shareTargets(ApiRequest request) throws SlackApiError {
        List<String> ids = new ArrayList<>();
        String channelId = request.string("channel_id");
        String channelsArg = request.string("channels");
        if (channelsArg != null && !channelsArg.isBlank()) {
            for (String id : channelsArg.split(",")) {
                if (!id.isBlank()) {
                    ids.add(id.strip());
                }
            }
        } else if (channelId != null && !channelId.isBlank()) {
            ids.add(channelId.strip());
        }
        List<StoredChannel> channels = new ArrayList<>();
        for (String id : ids) {
            StoredChannel channel = state.channelById(id)
                    .filter(c -> !c.isPrivate || c.members.contains(state.bot.id()))
                    .orElseThrow(() -> SlackApiError.of("channel_not_found"));
            if (channel.archived) {
                throw SlackApiError.of("is_archived");
            }
            if (!channel.members.contains(state.bot.id())) {
                throw SlackApiError.of("not_in_channel");
            }
            channels.add(channel);
        }
        return channels;
    }

    private StoredMessage threadParent(ApiRequest request, List<StoredChannel> channels) throws SlackApiError {
        String threadTs = request.string("thread_ts");
        if (threadTs == null || threadTs.isBlank()) {
            return null;
        }
        if (channels.size() != 1) {
            throw invalidArguments("thread_ts needs exactly one channel");
        }
        StoredMessage target = channels.get(0).byTs.get(threadTs.strip());
        if (target == null || target.isReply()) {
            // Slack wants the parent's ts, never a reply's.
            throw SlackApiError.of("thread_not_found");
        }
        return target;
    }

    private void share(StoredChannel channel, StoredMessage parent, List<StoredFile> files, String comment) {
        StoredMessage message = new StoredMessage(channel.id, state.nextTs(), state.bot.id(), state.botId, parent);
        message.text = comment == null ? "" : comment;
        files.forEach(f -> {
            f.channels.add(channel.id);
            message.fileIds.add(f.id);
        });
        state.store(channel, parent, message, false);
    }

    ObjectNode info(ApiRequest request) throws SlackApiError {
        StoredFile file = file(request);
        ObjectNode answer = SlackJson.object();
        answer.set("file", shapes.file(file));
        answer.set("comments", SlackJson.array());
        answer.set("response_metadata", SlackShapes.responseMetadata(""));
        return answer;
    }

    ObjectNode delete(ApiRequest request) throws SlackApiError {
        StoredFile file = file(request);
        if (!file.user.equals(state.bot.id())) {
            throw SlackApiError.of("cant_delete_file");
        }
        file.deleted = true;
        file.bytes = new byte[0];
        state.changed();
        return SlackJson.object();
    }

    /** A finished file the bot may see, by the {@code file} argument. */
    private StoredFile file(ApiRequest request) throws SlackApiError {
        String id = request.string("file");
        if (id == null || id.isBlank()) {
            throw invalidArguments("missing required field: file");
        }
        StoredFile file = state.fileById(id.strip())
                .filter(f -> f.completed)
                .orElseThrow(() -> SlackApiError.of("file_not_found"));
        if (file.deleted) {
            throw SlackApiError.of("file_deleted");
        }
        return file;
    }

    private static SlackApiError invalidArguments(String problem) {
        ObjectNode extra = SlackJson.object();
        extra.putObject("response_metadata").set("messages", SlackJson.array(List.of("[ERROR] " + problem)));
        return SlackApiError.of("invalid_arguments", extra);
    }
}
