package io.alertbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.devkit.slack.ApiCall;
import io.alertbridge.devkit.slack.InteractionResult;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.testkit.TestKitKafka;
import io.alertbridge.testkit.chaos.ChildJvm;
import io.alertbridge.testkit.chaos.LauncherEnvironment;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end latency of the whole product as users run it: {@code alertbridge run} (SQS bridge, processor, Slack
 * sink and interactivity in one process) as a child JVM against the in-process Kafka broker, ElasticMQ and the local
 * Slack workspace, all started by the benchmark.
 *
 * <ul>
 *   <li><b>Alarm to message</b>: from the SQS {@code SendMessage} of a CloudWatch alarm (the SNS envelope SNS puts in
 *       SQS with raw delivery off) to the arrival of the incident's {@code chat.postMessage} at the workspace (its
 *       recorder stamps the instant a call arrives), minus the route's group wait. Every alarm is a distinct alarm
 *       on its own instance, so a new incident, all routed to {@code #alerts}. At a steady rate, then in a burst
 *       sent at once.
 *   <li><b>Click to edit</b>: during the steady load, twice a second an <i>Acknowledge</i> button of a posted
 *       incident is clicked (the signed {@code block_actions} request the workspace's page sends, to the product's
 *       {@code /slack/events}); the latency runs to the arrival of the {@code chat.update} that shows "Acknowledged
 *       by".
 *   <li><b>Floors</b> (the baseline, same run, same machine): a bare AWS SDK loop's SQS send to receive (long poll,
 *       one receiver) at the same rate, and a bare HTTP POST of {@code chat.postMessage} to the workspace (send to
 *       arrival).
 *   <li><b>Hops</b>: the records' Kafka timestamps (producer create time) split the product's latency: send to
 *       the raw topic (SQS and the bridge), raw topic to the throttle's command on the notifications topic (the
 *       processor, three exactly-once repartition hops included), command to Slack (the processor's commit and the
 *       sink); for clicks, click to the actions topic, to the UPDATE command, to {@code chat.update}.
 * </ul>
 *
 * <p>What the benchmark configures, so that it measures the pipeline and not Slack's pace: the workspace's rate
 * limits are off and the throttle paces nothing ({@code postSpacing: 0s}, no storm below 100,000 new incidents a
 * minute), because 100 new incidents a second in one channel is 100 times what Slack takes there. Everything else is
 * the product's default (commit interval, ticks, bridge, sink) unless given as {@code key=value} arguments.
 *
 * <p>Run: {@code bench/run EndToEndLatency [rate=100] [seconds=60] [burst=2000] [groupWait=1s] [key=value...]}
 * where a key is {@code commitInterval}, {@code throttleTick} or {@code lifecycleTick} (YAML durations such as
 * {@code 50ms}), {@code numThreads} (stream threads), {@code warmup} (how long the steady rate runs unmeasured first, default
 * {@value #DEFAULT_WARM_LOAD}: the JIT compilers of both JVMs take much of the machine for the first minutes),
 * {@code partitions} (of every topic, default 3), {@code hops} ({@code streams.hops}: {@code in_task} needs
 * {@code partitions=1}), or
 * {@code streams.NAME} for any Kafka Streams property (put in
 * {@code streams.properties}, e.g. {@code streams.consumer.fetch.max.wait.ms=20}), written into the product's
 * configuration. The child's log is in {@code bench/target/e2e-latency}.
 */
public final class EndToEndLatency {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FLOOR_TIME = Duration.ofSeconds(10);
    private static final Duration PATIENCE = Duration.ofMinutes(5);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    private static final Duration CLICK_EVERY = Duration.ofMillis(500);
    private static final String ACKNOWLEDGE = "alertbridge_acknowledge";
    private static final String DEFAULT_WARM_LOAD = "120s";
    private static final Set<String> SETTINGS =
            Set.of("commitInterval", "throttleTick", "lifecycleTick", "numThreads", "warmup", "hops", "partitions");

    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final Pattern instancePattern = Pattern.compile(Pattern.quote("i-" + run + "-") + "([a-z])(\\d{6})");

    private EndToEndLatency() {}

    public static void main(String[] args) throws Exception {
        // The local workspace stands in for Slack, which answers without Nagle's delay: without this, the JDK HTTP
        // server's separate header and body writes wait for the client's delayed ACK, about 40 ms a call, and the
        // sink (one Slack call at a time) could not post more than about 16 incidents a second. The launcher sets the
        // same for its own server.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int burst = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        Duration groupWait = args.length > 3 ? parseDuration(args[3]) : Duration.ofSeconds(1);
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 4; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            if (kv.length != 2 || !(SETTINGS.contains(kv[0]) || kv[0].startsWith(LatencyConfig.STREAMS_PROPERTY))) {
                throw new IllegalArgumentException("expected key=value with a key among " + SETTINGS + " or "
                        + LatencyConfig.STREAMS_PROPERTY + "NAME: " + args[i]);
            }
            settings.put(kv[0], kv[1]);
        }
        new EndToEndLatency().measure(rate, seconds, burst, groupWait, settings);
    }

    private void measure(int rate, int seconds, int burst, Duration groupWait, Map<String, String> settings)
            throws Exception {
        System.out.printf(
                "end-to-end latency: %d alerts/s for %d s, burst of %d, group wait %d ms (subtracted), settings %s%n",
                rate, seconds, burst, groupWait.toMillis(), settings.isEmpty() ? "product defaults" : settings);
        Path work = Path.of("bench", "target", "e2e-latency", run).toAbsolutePath();
        List<Row> rows = new ArrayList<>();
        try (EmbeddedKafka kafka = TestKitKafka.start();
                EmbeddedSqs sqs = EmbeddedSqs.start(0);
                LocalSlackWorkspace slack = LocalSlackWorkspace.start(
                        LocalSlackWorkspace.Config.defaults().withRateLimits(false))) {
            Row sqsFloor = sqsFloor(sqs, rate);
            List<Row> http = httpFloor(slack, rate);
            Row httpFloor = http.get(0);
            rows.add(sqsFloor);
            rows.addAll(http);

            String queueUrl = sqs.createQueue("latency-" + run);
            LauncherEnvironment env = new LauncherEnvironment(
                    kafka.bootstrapServers(),
                    "lat-" + run + ".",
                    sqs.endpoint().toString(),
                    queueUrl,
                    slack.apiUrl(),
                    slack.botToken(),
                    slack.signingSecret(),
                    work);
            Path config = LatencyConfig.write(work, env, groupWait, settings);
            String classPath = System.getProperty("java.class.path");
            env.createTopics(
                    config,
                    classPath,
                    LauncherEnvironment.MAIN_CLASS,
                    Integer.parseInt(settings.getOrDefault("partitions", "3")));
            // The product's JVM as `java -jar` starts it, with a heap bound: no test options (C1 only, serial GC).
            List<String> childOptions = List.of(System.getenv()
                    .getOrDefault("BENCH_CHILD_JAVA_OPTS", "-Xmx1g")
                    .trim()
                    .split("\\s+"));
            ChildJvm.Spec spec = env.launcher("run", "run", config, classPath).withJvmOptions(childOptions);
            SqsClient client = sqs.newClient();
            try (ChildJvm child = ChildJvm.start(spec)) {
                await("the child's /health", PATIENCE, child::isHealthy, child);
                slack.setInteractivityUrl("http://localhost:" + spec.httpPort() + "/slack/events");
                Seen seen = new Seen(slack);
                Supplier<String> lag =
                        () -> GroupLag.describe(kafka, env.topicPrefix() + "processor", env.topicPrefix()) + ", "
                                + GroupLag.describe(kafka, env.topicPrefix() + "slack-sink", env.topicPrefix());
                warmUp(slack, seen, client, queueUrl, child);
                Duration warmLoad = parseDuration(settings.getOrDefault("warmup", DEFAULT_WARM_LOAD));
                warmLoad(seen, client, queueUrl, rate, warmLoad, child, lag);

                Steady steady = steady(slack, seen, client, queueUrl, rate, seconds, child, lag);
                rows.add(latencies(
                        "steady: SendMessage -> chat.postMessage - group wait",
                        steady.sent,
                        seen.posts('s'),
                        groupWait));
                rows.add(clickLatencies(seen, steady.clicks));
                rows.addAll(hops(kafka, env.topicPrefix(), 's', steady.sent, seen.posts('s'), steady.clicks, seen));

                slack.clearCalls();
                Map<Integer, Instant> burstSent = burst(client, queueUrl, burst);
                awaitPosted(seen, 'b', burst, "every burst alarm posted", () -> "", child);
                rows.add(latencies(
                        "burst: SendMessage -> chat.postMessage - group wait", burstSent, seen.posts('b'), groupWait));
                rows.addAll(hops(kafka, env.topicPrefix(), 'b', burstSent, seen.posts('b'), List.of(), seen));
            }
            print(rows, sqsFloor, httpFloor);
        }
    }

    // ---- load ----

    /** Alarm {@code n} of a phase going to ALARM, as SNS delivers it to SQS. */
    private String alarm(char phase, int n, Instant at) {
        return CloudWatchAlarmBodies.firing(
                "latency-" + run + "-" + phase + n,
                "i-" + run + "-" + phase + String.format(Locale.ROOT, "%06d", n),
                messageId(phase, n),
                at);
    }

    private String messageId(char phase, int n) {
        return "lat-" + run + "-" + phase + n;
    }

    private void warmUp(LocalSlackWorkspace slack, Seen seen, SqsClient client, String queueUrl, ChildJvm child) {
        int alarms = 20;
        for (int n = 0; n < alarms; n++) {
            String body = alarm('w', n, Instant.now());
            client.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
        }
        await("the warm-up alarms posted", PATIENCE, () -> seen.postCount('w') >= alarms, child);
        // The first click of a process pays for Bolt's start; click one warm-up incident and wait for its edit.
        Post first = seen.posts('w').values().iterator().next();
        Instant clicked = Instant.now();
        InteractionResult result = slack.clickButton(first.channel(), first.ts(), ACKNOWLEDGE, "alice");
        if (!result.delivered()) {
            throw new IllegalStateException("the warm-up click was not delivered: " + result);
        }
        await(
                "the warm-up click shown",
                PATIENCE,
                () -> seen.acknowledgedAt(first.ts(), clicked).isPresent(),
                child);
        slack.clearCalls();
    }

    /**
     * The steady load, unmeasured, for {@code duration} before the measurement: the two JVMs' JIT compilers take
     * much of both cores for the first minutes of load (a C2 thread at 30-34 % in each JVM 40 s and again 90 s into
     * a run, the stream thread at 13-16 %), so a cold run measures compilation, not the pipeline a running
     * deployment has (30 alerts/s: p50 22 s cold, 7.3 s after 60 s of warm load, 0.9 s after 90 s). Waits until
     * every one is posted, then forgets the workspace's calls.
     */
    private void warmLoad(
            Seen seen,
            SqsClient client,
            String queueUrl,
            int rate,
            Duration duration,
            ChildJvm child,
            Supplier<String> lag) {
        int total = (int) (rate * duration.toSeconds());
        if (total == 0) {
            return;
        }
        long start = System.nanoTime();
        for (int n = 0; n < total; n++) {
            pace(start + n * 1_000_000_000L / rate);
            String body = alarm('u', n, Instant.now());
            client.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
        }
        System.out.printf(
                "warm load: %d alarms sent in %.1f s; %s%n", total, (System.nanoTime() - start) / 1e9, lag.get());
        awaitPosted(seen, 'u', total, "every warm-load alarm posted", () -> "; " + lag.get(), child);
        seen.slack.clearCalls();
    }

    /** Waits until {@code total} alarms of a phase are posted, reporting progress with {@code detail} appended. */
    private static void awaitPosted(
            Seen seen, char phase, int total, String what, Supplier<String> detail, ChildJvm child) {
        awaitOrReport(
                what,
                PATIENCE,
                () -> seen.postCount(phase) >= total,
                () -> seen.postCount(phase) + " of " + total + " posted" + detail.get(),
                child);
    }

    /** What the steady phase sent: alarm number to send instant, and the clicks. */
    private record Steady(Map<Integer, Instant> sent, List<Click> clicks) {}

    /** One click on an incident's Acknowledge button. */
    private record Click(String ts, String incidentId, Instant at) {}

    private Steady steady(
            LocalSlackWorkspace slack,
            Seen seen,
            SqsClient client,
            String queueUrl,
            int rate,
            int seconds,
            ChildJvm child,
            Supplier<String> lag)
            throws Exception {
        int total = rate * seconds;
        Map<Integer, Instant> sent = new ConcurrentHashMap<>();
        List<Click> clicks = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> sender = threads.submit(() -> {
                long start = System.nanoTime();
                for (int n = 0; n < total; n++) {
                    pace(start + n * 1_000_000_000L / rate);
                    Instant at = Instant.now();
                    String body = alarm('s', n, at);
                    sent.put(n, at);
                    client.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
                }
                sending.set(false);
                return null;
            });
            Future<?> clicker = threads.submit(() -> {
                Set<String> clicked = new java.util.HashSet<>();
                long start = System.nanoTime();
                for (int tick = 1; sending.get(); tick++) {
                    pace(start + tick * CLICK_EVERY.toNanos());
                    List<Post> candidates = new ArrayList<>(seen.posts('s').values());
                    candidates.removeIf(p -> clicked.contains(p.ts()));
                    if (candidates.isEmpty()) {
                        continue;
                    }
                    // The newest incident, as someone on call clicks the message that just appeared.
                    Post post = Collections.max(candidates, (a, b) -> a.at().compareTo(b.at()));
                    clicked.add(post.ts());
                    Instant at = Instant.now();
                    InteractionResult result = slack.clickButton(post.channel(), post.ts(), ACKNOWLEDGE, "alice");
                    if (result.delivered()) {
                        clicks.add(new Click(post.ts(), post.incidentId(), at));
                    } else {
                        System.out.println("click not delivered: " + result);
                    }
                }
                return null;
            });
            long started = System.nanoTime();
            sender.get();
            clicker.get();
            System.out.printf(
                    "steady: %d alarms sent in %.1f s, %d posted by then, %d clicks; %s%n",
                    total, (System.nanoTime() - started) / 1e9, seen.postCount('s'), clicks.size(), lag.get());
        } finally {
            threads.shutdownNow();
        }
        awaitPosted(seen, 's', total, "every steady alarm posted", () -> "; " + lag.get(), child);
        awaitOrReport(
                "every click shown",
                PATIENCE,
                () -> clicks.stream()
                        .allMatch(c -> seen.acknowledgedAt(c.ts(), c.at()).isPresent()),
                () -> clicks.stream()
                                .filter(c -> seen.acknowledgedAt(c.ts(), c.at()).isPresent())
                                .count()
                        + " of " + clicks.size() + " shown",
                child);
        return new Steady(sent, List.copyOf(clicks));
    }

    /** Sends {@code count} alarms at once: four threads, batches of ten, each stamped just before its batch goes. */
    private Map<Integer, Instant> burst(SqsClient client, String queueUrl, int count) throws Exception {
        Map<Integer, Instant> sent = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                senders.add(threads.submit(() -> {
                    for (int from = next.getAndAdd(10); from < count; from = next.getAndAdd(10)) {
                        Instant at = Instant.now();
                        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                        for (int n = from; n < Math.min(count, from + 10); n++) {
                            sent.put(n, at);
                            entries.add(SendMessageBatchRequestEntry.builder()
                                    .id(Integer.toString(n))
                                    .messageBody(alarm('b', n, at))
                                    .build());
                        }
                        var response = client.sendMessageBatch(
                                r -> r.queueUrl(queueUrl).entries(entries));
                        if (!response.failed().isEmpty()) {
                            throw new IllegalStateException("SQS refused part of a batch: " + response.failed());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> sender : senders) {
                sender.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return sent;
    }

    // ---- what the workspace saw ----

    /** An incident's main message as the workspace received its {@code chat.postMessage}. */
    private record Post(int alarm, String channel, String ts, String incidentId, Instant at) {}

    /**
     * What the workspace's recorder saw, indexed as it comes: each call is read once (the recorder keeps every call,
     * and scanning them all on every poll would compete with the product for the two cores).
     */
    private final class Seen {
        private final LocalSlackWorkspace slack;
        private long lastSequence;
        private final Map<Character, Map<Integer, Post>> posts = new HashMap<>();
        private final Map<String, List<Instant>> acknowledgements = new HashMap<>();

        Seen(LocalSlackWorkspace slack) {
            this.slack = slack;
        }

        synchronized void refresh() {
            for (ApiCall call : slack.calls()) {
                if (call.sequence() <= lastSequence) {
                    continue;
                }
                lastSequence = call.sequence();
                if (!call.ok()) {
                    continue;
                }
                if (call.method().equals("chat.postMessage") && call.param("thread_ts") == null) {
                    indexPost(call);
                } else if (call.method().equals("chat.update")
                        && call.params().toString().contains("Acknowledged by")) {
                    acknowledgements
                            .computeIfAbsent(call.param("ts"), ts -> new ArrayList<>())
                            .add(call.at());
                }
            }
        }

        private void indexPost(ApiCall call) {
            Matcher m = instancePattern.matcher(call.params().toString());
            if (!m.find()) {
                return;
            }
            String incidentId = call.params()
                    .path("metadata")
                    .path("event_payload")
                    .path("incident_id")
                    .asText(null);
            if (incidentId == null && call.params().path("metadata").isTextual()) {
                incidentId = readIncidentId(call.params().path("metadata").asText());
            }
            int alarm = Integer.parseInt(m.group(2));
            posts.computeIfAbsent(m.group(1).charAt(0), p -> new HashMap<>())
                    .putIfAbsent(
                            alarm,
                            new Post(
                                    alarm,
                                    call.response().path("channel").asText(),
                                    call.response().path("ts").asText(),
                                    incidentId,
                                    call.at()));
        }

        /** The incidents' main messages of one phase ({@code s}teady, {@code b}urst, {@code w}arm-up), by alarm. */
        synchronized Map<Integer, Post> posts(char phase) {
            refresh();
            return Map.copyOf(posts.getOrDefault(phase, Map.of()));
        }

        synchronized int postCount(char phase) {
            refresh();
            return posts.getOrDefault(phase, Map.of()).size();
        }

        /** When the first {@code chat.update} of message {@code ts} after {@code clicked} showing the ack arrived. */
        synchronized Optional<Instant> acknowledgedAt(String ts, Instant clicked) {
            refresh();
            return acknowledgements.getOrDefault(ts, List.of()).stream()
                    .filter(at -> !at.isBefore(clicked))
                    .findFirst();
        }
    }

    private static String readIncidentId(String metadataJson) {
        try {
            return JSON.readTree(metadataJson)
                    .path("event_payload")
                    .path("incident_id")
                    .asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    // ---- floors ----

    /** A bare SDK loop: one thread sends at {@code rate}, one long-polls and receives; send to receive. */
    private Row sqsFloor(EmbeddedSqs sqs, int rate) throws Exception {
        String queue = sqs.createQueue("floor-" + run);
        SqsClient sender = sqs.newClient();
        SqsClient receiver = sqs.newClient();
        int total = (int) (rate * FLOOR_TIME.toSeconds());
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try {
            Future<?> receiving = threads.submit(() -> {
                while (micros.size() < total) {
                    List<Message> got = receiver.receiveMessage(
                                    r -> r.queueUrl(queue).waitTimeSeconds(20).maxNumberOfMessages(10))
                            .messages();
                    Instant now = Instant.now();
                    for (Message message : got) {
                        micros.add(Duration.between(Instant.parse(message.body()), now)
                                        .toNanos()
                                / 1000);
                        receiver.deleteMessage(r -> r.queueUrl(queue).receiptHandle(message.receiptHandle()));
                    }
                }
                return null;
            });
            long start = System.nanoTime();
            for (int n = 0; n < total; n++) {
                pace(start + n * 1_000_000_000L / rate);
                String body = Instant.now().toString();
                sender.sendMessage(r -> r.queueUrl(queue).messageBody(body));
            }
            receiving.get(2, TimeUnit.MINUTES);
        } finally {
            threads.shutdownNow();
        }
        return Row.of("floor: SQS send -> receive (bare SDK, long poll)", micros);
    }

    /**
     * A bare HTTP POST of {@code chat.postMessage} to the workspace at {@code rate}: send to arrival, and the whole
     * round trip (what each of the sink's calls costs at least).
     */
    private static List<Row> httpFloor(LocalSlackWorkspace slack, int rate) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int total = (int) (rate * FLOOR_TIME.toSeconds());
        Map<String, Instant> sent = new HashMap<>();
        List<Long> roundTrips = new ArrayList<>();
        long start = System.nanoTime();
        for (int n = 0; n < total; n++) {
            pace(start + n * 1_000_000_000L / rate);
            String text = "floor " + n;
            Instant at = Instant.now();
            sent.put(text, at);
            long before = System.nanoTime();
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(slack.apiUrl() + "chat.postMessage"))
                            .header("Authorization", "Bearer " + slack.botToken())
                            .header("Content-Type", "application/json; charset=utf-8")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"channel\":\"#general\",\"text\":\"" + text + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            roundTrips.add((System.nanoTime() - before) / 1000);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the workspace answered " + response.statusCode());
            }
        }
        List<Long> micros = new ArrayList<>();
        for (ApiCall call : slack.calls("chat.postMessage")) {
            Instant at = sent.get(call.param("text"));
            if (at != null) {
                micros.add(Duration.between(at, call.at()).toNanos() / 1000);
            }
        }
        slack.clearCalls();
        return List.of(
                Row.of("floor: HTTP POST -> workspace arrival (bare client)", micros),
                Row.of("floor: HTTP POST round trip (bare client)", roundTrips));
    }

    // ---- latencies and hops ----

    private static Row latencies(String name, Map<Integer, Instant> sent, Map<Integer, Post> posts, Duration wait) {
        List<Long> micros = new ArrayList<>();
        sent.forEach((n, at) -> {
            Post post = posts.get(n);
            if (post != null) {
                micros.add(Duration.between(at, post.at()).minus(wait).toNanos() / 1000);
            }
        });
        return Row.of(name, micros, sent.size() - micros.size());
    }

    private static Row clickLatencies(Seen seen, List<Click> clicks) {
        List<Long> micros = new ArrayList<>();
        int missing = 0;
        for (Click click : clicks) {
            Optional<Instant> shown = seen.acknowledgedAt(click.ts(), click.at());
            if (shown.isPresent()) {
                micros.add(Duration.between(click.at(), shown.get()).toNanos() / 1000);
            } else {
                missing++;
            }
        }
        return Row.of("steady: click -> chat.update showing it", micros, missing);
    }

    /** The per-hop split of a phase's alarms (and clicks), from the Kafka timestamps of its records. */
    private List<Row> hops(
            EmbeddedKafka kafka,
            String prefix,
            char phase,
            Map<Integer, Instant> sent,
            Map<Integer, Post> posts,
            List<Click> clicks,
            Seen seen) {
        HopStamps stamps = HopStamps.read(kafka, prefix, phase, instancePattern, PATIENCE);
        List<Long> toRaw = new ArrayList<>();
        List<Long> rawToCommand = new ArrayList<>();
        List<Long> commandToSlack = new ArrayList<>();
        sent.forEach((n, at) -> {
            Long raw = stamps.raw().get(messageId(phase, n));
            Long command = stamps.postCommands().get(n);
            Post post = posts.get(n);
            if (raw != null && command != null && post != null) {
                toRaw.add(raw * 1000 - micros(at));
                rawToCommand.add((command - raw) * 1000);
                commandToSlack.add(micros(post.at()) - command * 1000);
            }
        });
        String name = phase == 's' ? "steady" : "burst";
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of("  " + name + " hop: SendMessage -> raw topic (SQS, bridge)", toRaw));
        rows.add(Row.of("  " + name + " hop: raw topic -> POST command (processor, group wait incl.)", rawToCommand));
        rows.add(Row.of("  " + name + " hop: POST command -> chat.postMessage (commit, sink)", commandToSlack));
        if (!clicks.isEmpty()) {
            rows.addAll(clickHops(stamps, clicks, seen));
        }
        return rows;
    }

    private static List<Row> clickHops(HopStamps stamps, List<Click> clicks, Seen seen) {
        List<Long> toAction = new ArrayList<>();
        List<Long> actionToCommand = new ArrayList<>();
        List<Long> commandToUpdate = new ArrayList<>();
        for (Click click : clicks) {
            Long action = stamps.actions().get(click.incidentId());
            Long command = stamps.ackCommands().get(click.incidentId());
            Optional<Instant> shown = seen.acknowledgedAt(click.ts(), click.at());
            if (action != null && command != null && shown.isPresent()) {
                toAction.add(action * 1000 - micros(click.at()));
                actionToCommand.add((command - action) * 1000);
                commandToUpdate.add(micros(shown.get()) - command * 1000);
            }
        }
        return List.of(
                Row.of("  click hop: click -> actions topic (interactivity)", toAction),
                Row.of("  click hop: actions topic -> UPDATE command (processor)", actionToCommand),
                Row.of("  click hop: UPDATE command -> chat.update (commit, sink)", commandToUpdate));
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
    }

    // ---- output ----

    /** One line of the table: a latency distribution in microseconds. */
    private record Row(String name, List<Long> micros, int missing) {

        static Row of(String name, List<Long> micros) {
            return of(name, micros, 0);
        }

        static Row of(String name, List<Long> micros, int missing) {
            List<Long> sorted = new ArrayList<>(micros);
            Collections.sort(sorted);
            return new Row(name, sorted, missing);
        }

        double percentileMs(double p) {
            if (micros.isEmpty()) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * micros.size()) - 1;
            return micros.get(Math.max(0, Math.min(micros.size() - 1, index))) / 1000.0;
        }
    }

    private static void print(List<Row> rows, Row sqsFloor, Row httpFloor) {
        System.out.printf("%n%-72s %6s %9s %9s %9s %8s%n", "latency", "n", "p50 ms", "p99 ms", "max ms", "missing");
        for (Row row : rows) {
            System.out.printf(
                    "%-72s %6d %9.1f %9.1f %9.1f %8d%n",
                    row.name(),
                    row.micros().size(),
                    row.percentileMs(50),
                    row.percentileMs(99),
                    row.percentileMs(100),
                    row.missing());
        }
        double floorP50 = sqsFloor.percentileMs(50) + httpFloor.percentileMs(50);
        double floorP99 = sqsFloor.percentileMs(99) + httpFloor.percentileMs(99);
        System.out.printf("%ntransport floor (SQS + HTTP): p50 %.1f ms, p99 %.1f ms%n", floorP50, floorP99);
        for (Row row : rows) {
            if (!row.name().startsWith("floor") && !row.name().startsWith("  ")) {
                System.out.printf(
                        "%-60s p50 %.1fx, p99 %.1fx the floor; goal p99 <= 1000 ms: %s%n",
                        row.name(),
                        row.percentileMs(50) / floorP50,
                        row.percentileMs(99) / floorP99,
                        row.percentileMs(99) <= 1000 ? "met" : "MISSED");
            }
        }
    }

    // ---- helpers ----

    /** Waits until {@code nanoTime} reaches {@code due}: the load is paced over wall-clock time. */
    private static void pace(long due) {
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** Waits until {@code done}, or gives up (throws) when the child died or the time is up. */
    private static void await(String what, Duration limit, BooleanSupplier done, ChildJvm child) {
        if (!awaitOrReport(what, limit, done, () -> "", child)) {
            throw new IllegalStateException("gave up waiting for " + what + "; the child's log is " + child.log());
        }
    }

    /**
     * Waits until {@code done}, printing {@code progress} every ten seconds; false when the child died or the time is
     * up (the run goes on with what arrived, and the table counts the rest as missing).
     */
    private static boolean awaitOrReport(
            String what, Duration limit, BooleanSupplier done, Supplier<String> progress, ChildJvm child) {
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        long nextReport = started + PROGRESS_EVERY.toNanos();
        while (!done.getAsBoolean()) {
            long now = System.nanoTime();
            if (!child.isAlive() || now > deadline) {
                System.out.printf(
                        "gave up waiting for %s after %d s: %s%n",
                        what, (now - started) / 1_000_000_000L, progress.get());
                return false;
            }
            if (now > nextReport) {
                System.out.printf("waiting for %s, %d s: %s%n", what, (now - started) / 1_000_000_000L, progress.get());
                nextReport += PROGRESS_EVERY.toNanos();
            }
            pace(now + 50_000_000L);
        }
        return true;
    }

    private static Duration parseDuration(String text) {
        Matcher m = Pattern.compile("(\\d+)(ms|s)").matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("a duration such as 1s or 500ms: " + text);
        }
        long value = Long.parseLong(m.group(1));
        return m.group(2).equals("ms") ? Duration.ofMillis(value) : Duration.ofSeconds(value);
    }
}
