package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One Web API request, read the way Slack reads it: query string, then a form-encoded or JSON body; the token from
 * {@code Authorization: Bearer} or a {@code token} field (never from a JSON body). Arguments are kept as JSON: form
 * fields as strings, a JSON body as sent.
 */
final class ApiRequest {

    private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private final ObjectNode args;
    private final String token;
    private final String bodyError;
    private final List<String> warnings;

    private ApiRequest(ObjectNode args, String token, String bodyError, List<String> warnings) {
        this.args = args;
        this.token = token;
        this.bodyError = bodyError;
        this.warnings = warnings;
    }

    /** A request built in the JVM (the page's own calls), already authenticated. */
    static ApiRequest of(ObjectNode args) {
        return new ApiRequest(args, null, null, new ArrayList<>());
    }

    static ApiRequest read(HttpExchange exchange) throws IOException {
        ObjectNode args = SlackJson.object();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            parseForm(query, args);
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String mime =
                contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        byte[] body = readBody(exchange.getRequestBody());
        List<String> warnings = new ArrayList<>();
        String bodyError = null;
        String formToken = null;
        if (body.length > 0 && mime.equals("application/json")) {
            if (!contentType.toLowerCase(Locale.ROOT).contains("charset")) {
                warnings.add("missing_charset");
            }
            bodyError = parseJsonBody(body, args);
        } else if (body.length > 0) {
            // Slack reads anything else as a form, as curl -d sends it.
            parseForm(new String(body, StandardCharsets.UTF_8), args);
        }
        if (args.hasNonNull("token") && args.get("token").isTextual()) {
            formToken = args.remove("token").asText();
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String token = formToken;
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = auth.substring(7).trim();
        }
        return new ApiRequest(args, token, bodyError, warnings);
    }

    private static String parseJsonBody(byte[] body, ObjectNode args) {
        JsonNode json;
        try {
            json = SlackJson.parse(body);
        } catch (IOException e) {
            return "invalid_json";
        }
        if (!(json instanceof ObjectNode object)) {
            return "json_not_object";
        }
        // The token is never read from a JSON body: Slack wants the header.
        object.remove("token");
        args.setAll(object);
        return null;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new IOException("request body larger than " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    static void parseForm(String form, ObjectNode into) {
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            into.put(key, value);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The token sent, or {@code null}. */
    String token() {
        return token;
    }

    /** {@code invalid_json} or {@code json_not_object} when the body could not be read, else {@code null}. */
    String bodyError() {
        return bodyError;
    }

    List<String> warnings() {
        return warnings;
    }

    /** The arguments (without the token), for the recorder. */
    ObjectNode args() {
        return args;
    }

    /** An argument as text, or {@code null} when absent; JSON booleans and numbers as their text. */
    String string(String name) {
        JsonNode value = args.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** An argument that must be there and not blank, else the given Slack error. */
    String required(String name, String errorWhenMissing) throws SlackApiError {
        String value = string(name);
        if (value == null || value.isBlank()) {
            throw SlackApiError.of(errorWhenMissing);
        }
        return value.trim();
    }

    /** Slack's booleans: {@code true}, {@code 1}, or a JSON true. */
    boolean bool(String name) {
        String value = string(name);
        return value != null && (value.equalsIgnoreCase("true") || value.equals("1"));
    }

    int integer(String name, int defaultValue, int max) {
        String value = string(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            return parsed <= 0 ? defaultValue : Math.min(parsed, max);
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    boolean has(String name) {
        return args.hasNonNull(name);
    }

    /**
     * A structured argument: a JSON array or object in a JSON body, or JSON text in a form field. Returns
     * {@code null} when absent; throws {@code errorWhenMalformed} when the text is not JSON.
     */
    JsonNode json(String name, String errorWhenMalformed) throws SlackApiError {
        JsonNode value = args.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            // A copy: the workspace fills in ids on what it stores, and the recorder keeps what was sent.
            return value.deepCopy();
        }
        String text = value.asText();
        if (text.isBlank()) {
            return null;
        }
        try {
            return SlackJson.parse(text);
        } catch (IOException e) {
            throw SlackApiError.of(errorWhenMalformed);
        }
    }
}
