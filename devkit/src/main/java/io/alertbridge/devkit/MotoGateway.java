package io.alertbridge.devkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The front door of {@link MotoServer}: passes every request through to moto unchanged, except Smithy RPC v2 CBOR
 * requests, which it translates to the AWS JSON 1.0 protocol that moto speaks for the same operation, and back.
 *
 * <p>Why it exists: the AWS SDK for Java (2.57.8) talks to CloudWatch only in Smithy RPC v2 CBOR
 * ({@code POST /service/GraniteServiceVersion20100801/operation/DescribeAlarms}, {@code smithy-protocol: rpc-v2-cbor}),
 * while moto 5.2.1 answers that path with 404 and serves CloudWatch over the Query and JSON protocols. The two wire
 * formats carry the same data model: CBOR maps, lists, strings and numbers become their JSON equivalents; timestamps
 * (CBOR tag 1 around epoch seconds) become epoch-second numbers, which is what AWS JSON uses; byte strings become
 * base64. moto's JSON answer (and error, whose {@code __type} both protocols read) goes back as CBOR with the
 * {@code smithy-protocol} header, so the SDK's own CloudWatch client, unchanged, runs against moto's CloudWatch
 * backend. Nothing else is touched, so every other service sees moto exactly as before.
 *
 * <p>Loopback only; thread-safe; {@link #close()} is idempotent.
 */
final class MotoGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MotoGateway.class);
    private static final Pattern RPC_V2_PATH = Pattern.compile("^/service/([A-Za-z0-9_.]+)/operation/([A-Za-z0-9_]+)$");
    private static final String SMITHY_PROTOCOL = "smithy-protocol";
    private static final String AWS_JSON_1_0 = "application/x-amz-json-1.0";
    /** Headers the JDK's client sets itself or refuses, and hop-by-hop headers that must not be forwarded. */
    private static final Set<String> NOT_FORWARDED = Set.of(
            "host", "content-length", "connection", "expect", "upgrade", "transfer-encoding", "keep-alive", "te");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CBORMapper CBOR = new CBORMapper();

    private final URI moto;
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client;

    private MotoGateway(URI moto, HttpServer server, ExecutorService executor) {
        this.moto = moto;
        this.server = server;
        this.executor = executor;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .executor(executor)
                .build();
    }

    /** Starts a gateway to {@code moto} on a free loopback port. */
    static MotoGateway start(URI moto) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
            MotoGateway gateway = new MotoGateway(moto, server, executor);
            server.createContext("/", gateway::handle);
            server.setExecutor(executor);
            server.start();
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the gateway in front of moto", e);
        }
    }

    /** Where clients connect. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readAll(exchange.getRequestBody());
            // The SDK compresses large requests (PutMetricData over 10 KB) with gzip; moto reads plain bodies.
            boolean gzipped = exchange.getRequestHeaders().getOrDefault("Content-Encoding", List.of()).stream()
                    .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("gzip"));
            if (gzipped) {
                body = readAll(new GZIPInputStream(new ByteArrayInputStream(body)));
            }
            Matcher rpc = RPC_V2_PATH.matcher(exchange.getRequestURI().getPath());
            boolean cbor = rpc.matches() && exchange.getRequestHeaders().containsKey(SMITHY_PROTOCOL);
            HttpResponse<byte[]> answer = cbor
                    ? client.send(
                            asAwsJson(exchange, rpc.group(1), rpc.group(2), body),
                            HttpResponse.BodyHandlers.ofByteArray())
                    : client.send(passThrough(exchange, body, gzipped), HttpResponse.BodyHandlers.ofByteArray());
            byte[] out = answer.body();
            if (cbor) {
                out = jsonToCbor(out, answer.statusCode());
                exchange.getResponseHeaders().set("Content-Type", "application/cbor");
                exchange.getResponseHeaders().set(SMITHY_PROTOCOL, "rpc-v2-cbor");
                answer.headers().firstValue("x-amzn-requestid").ifPresent(id -> exchange.getResponseHeaders()
                        .set("x-amzn-requestid", id));
                answer.headers().firstValue("x-amzn-errortype").ifPresent(type -> exchange.getResponseHeaders()
                        .set("x-amzn-errortype", type));
            } else {
                copyHeaders(answer.headers().map(), exchange);
            }
            boolean noBody = "HEAD".equals(exchange.getRequestMethod()) || out.length == 0;
            exchange.sendResponseHeaders(answer.statusCode(), noBody ? -1 : out.length);
            if (!noBody) {
                try (OutputStream response = exchange.getResponseBody()) {
                    response.write(out);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(503, -1);
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "gateway to moto failed for {} {}: {}",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    e.toString());
            exchange.sendResponseHeaders(502, -1);
        }
    }

    private HttpRequest passThrough(HttpExchange exchange, byte[] body, boolean unzipped) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        moto.resolve(exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(60))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(lower) && !(unzipped && "content-encoding".equals(lower))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return request.build();
    }

    private HttpRequest asAwsJson(HttpExchange exchange, String service, String operation, byte[] body)
            throws IOException {
        byte[] json = body.length == 0 ? "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8) : cborToJson(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(moto.resolve("/"))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .header("Content-Type", AWS_JSON_1_0)
                .header("X-Amz-Target", service + "." + operation);
        // moto picks the service from the credential scope of the SigV4 Authorization header.
        List<String> authorization = exchange.getRequestHeaders().get("Authorization");
        if (authorization != null) {
            authorization.forEach(value -> request.header("Authorization", value));
        }
        List<String> date = exchange.getRequestHeaders().get("X-Amz-Date");
        if (date != null) {
            date.forEach(value -> request.header("X-Amz-Date", value));
        }
        return request.build();
    }

    /** A CBOR request body as JSON; tag 1 (epoch seconds) reads as its number, byte strings write as base64. */
    static byte[] cborToJson(byte[] cbor) throws IOException {
        JsonNode tree = CBOR.readTree(cbor);
        return JSON.writeValueAsBytes(tree == null ? JSON.createObjectNode() : tree);
    }

    /**
     * A JSON answer as CBOR; an empty answer stays empty. moto answers some failures (an operation it does not
     * implement) with an HTML page: that becomes an {@code InternalFailure} error the SDK reads as one.
     */
    static byte[] jsonToCbor(byte[] json, int status) throws IOException {
        if (json.length == 0) {
            return json;
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            tree = JSON.createObjectNode()
                    .put("__type", "InternalFailure")
                    .put("message", "moto answered " + status + " with a body that is not JSON");
        }
        return CBOR.writeValueAsBytes(tree);
    }

    private static void copyHeaders(Map<String, List<String>> headers, HttpExchange exchange) {
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(lower) && !":status".equals(lower)) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static ThreadFactory daemonThreads() {
        return runnable -> {
            Thread thread = new Thread(runnable, "moto-gateway");
            thread.setDaemon(true);
            return thread;
        };
    }
}
