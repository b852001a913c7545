package io.alertbridge.devkit.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The workspace's file host, as {@code files.slack.com} is Slack's. {@code POST /upload/v1/{ticket}} takes the bytes
 * of a file started with {@code files.getUploadURLExternal}, raw or as {@code multipart/form-data} (the first file
 * part), once: exactly the announced length, else 400; an unknown ticket 404. It answers {@code OK - <length>}.
 * {@code GET /files-pri/{team}-{id}/{name}} (and {@code .../download/{name}}) serves a finished file's bytes to a
 * request with the bot token as {@code Authorization: Bearer}, as {@code url_private} does; 404 once deleted.
 *
 * <p>Thread-safe: state is read and changed under its lock.
 */
final class FileTransfers implements HttpHandler {

    static final String UPLOAD_PATH = "upload/v1/";
    static final String PRIVATE_PATH = "files-pri/";

    private final WorkspaceState state;
    private final Supplier<String> botToken;

    FileTransfers(WorkspaceState state, Supplier<String> botToken) {
        this.state = state;
        this.botToken = botToken;
    }

    static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.startsWith("/" + UPLOAD_PATH) && method.equals("POST")) {
                upload(exchange, path.substring(UPLOAD_PATH.length() + 1));
            } else if (path.startsWith("/" + PRIVATE_PATH) && method.equals("GET")) {
                download(exchange, path.substring(PRIVATE_PATH.length() + 1));
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void upload(HttpExchange exchange, String ticket) throws IOException {
        Optional<StoredFile> found = state.fileByTicket(ticket);
        if (found.isEmpty()) {
            sendText(exchange, 404, "unknown upload URL");
            return;
        }
        StoredFile file = found.get();
        byte[] body = readAtMost(exchange.getRequestBody(), file.length + 64L * 1024);
        byte[] content = multipartFile(exchange.getRequestHeaders().getFirst("Content-Type"), body);
        synchronized (state) {
            if (file.uploaded() || file.completed || file.deleted) {
                sendText(exchange, 400, "this upload URL was used already");
                return;
            }
            if (content.length != file.length) {
                sendText(
                        exchange,
                        400,
                        "length mismatch: announced " + file.length + " bytes, received " + content.length);
                return;
            }
            file.bytes = content;
            state.changed();
        }
        sendText(exchange, 200, "OK - " + content.length);
    }

    private void download(HttpExchange exchange, String rest) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.equals("Bearer " + botToken.get())) {
            sendText(exchange, 403, "forbidden");
            return;
        }
        int dash = rest.indexOf('-');
        int slash = rest.indexOf('/');
        String id = dash < 0 || slash < dash ? "" : rest.substring(dash + 1, slash);
        Optional<byte[]> bytes = bytesOf(state, id);
        if (bytes.isEmpty()) {
            sendText(exchange, 404, "file not found");
            return;
        }
        String type = state.fileById(id).map(StoredFile::mimetype).orElse("application/octet-stream");
        send(exchange, 200, type, bytes.get());
    }

    /** The bytes of a finished, not deleted file. */
    static Optional<byte[]> bytesOf(WorkspaceState state, String id) {
        synchronized (state) {
            return state.fileById(id)
                    .filter(f -> f.completed && !f.deleted && f.uploaded())
                    .map(f -> f.bytes);
        }
    }

    /** The first file part of a multipart body, or the body itself when it is not multipart. */
    static byte[] multipartFile(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return body;
        }
        int at = contentType.toLowerCase(Locale.ROOT).indexOf("boundary=");
        if (at < 0) {
            return body;
        }
        String boundary = contentType
                .substring(at + "boundary=".length())
                .split(";", 2)[0]
                .replace("\"", "")
                .strip();
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int start = indexOf(body, delimiter, 0);
        while (start >= 0) {
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            if (headersEnd < 0) {
                break;
            }
            String headers = new String(body, start, headersEnd - start, StandardCharsets.ISO_8859_1);
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), headersEnd);
            if (next < 0) {
                break;
            }
            if (headers.toLowerCase(Locale.ROOT).contains("filename=")) {
                return Arrays.copyOfRange(body, headersEnd + 4, next);
            }
            start = next + 2;
        }
        return body;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
