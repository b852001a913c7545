package io.alertbridge.launcher.cli;

import io.alertbridge.connectors.aws.AlarmLookup;
import io.alertbridge.connectors.receivers.assembly.ReceiversConfig;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.interactivity.InteractivityConfig;
import io.alertbridge.connectors.sqs.SqsBridgeConfig;
import io.alertbridge.launcher.dev.AwsDemoOutlet;
import io.alertbridge.launcher.dev.DemoOutlet;
import io.alertbridge.launcher.dev.DemoReport;
import io.alertbridge.launcher.dev.DemoScenario;
import io.alertbridge.launcher.dev.DevAws;
import io.alertbridge.launcher.dev.DevEnvironment;
import io.alertbridge.launcher.dev.DevPagerDuty;
import io.alertbridge.launcher.dev.DevWebhook;
import io.alertbridge.launcher.dev.QueueDemoOutlet;
import io.alertbridge.processor.config.AlertbridgeConfig;
import io.alertbridge.processor.config.Deferred;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code alertbridge dev}: the embedded default. Starts the devkit (in-process Kafka with its data under the state
 * directory, in-process SQS with the alarm queue) and Alertbridge's parts in this JVM, prints what is where, and
 * runs until interrupted (Ctrl-C or SIGTERM shut it down gracefully).
 *
 * <p>Everything listens on the loopback interface unless {@code --bind} (or {@value #BIND_VARIABLE}) says otherwise,
 * and {@code /slack/events} checks signatures with a secret generated at this start (printed, and written to the
 * state directory), so nobody else on the network can act on incidents through it.
 */
@Command(
        name = "dev",
        mixinStandardHelpOptions = true,
        description = {
            "Run everything in this JVM against in-process Kafka and SQS: nothing to install but Java.",
            "Data lives under the state directory, so a restart keeps it.",
            "Listens on 127.0.0.1 only unless --bind says otherwise; Slack requests are checked against a signing",
            "secret generated at every start (printed, and written to <state-dir>/dev-signing-secret).",
        })
final class DevCommand implements Callable<Integer> {

    /** The environment variable that stands for {@code --bind}. */
    static final String BIND_VARIABLE = "ALERTBRIDGE_DEV_BIND";

    /**
     * Dev's message template for every route ({@code slack.templates.default}), written as in the configuration
     * file. The headline keeps the state, which the demo's report reads; the footer says where the look comes from.
     */
    static final Map<String, Object> DEMO_TEMPLATES = Map.of(
            "default",
            Map.of(
                    "headline",
                    "{emoji} *{severity}* · *{state}* · {title}",
                    "labels",
                    List.of("resource", "account"),
                    "maxMembers",
                    5,
                    "buttons",
                    true,
                    "footer",
                    "{incidentId} · route {route} · {firing} of {members} firing · dev's message template"));

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final Logger LOG = LoggerFactory.getLogger(DevCommand.class);

    @CommandLine.Mixin
    LauncherOptions options = new LauncherOptions();

    @Option(
            names = "--demo",
            description = "Play a realistic scenario: an alarm storm, an AI anomaly episode, "
                    + "a flapping alarm, a CodePipeline failure, then recovery.")
    boolean demo;

    @Option(
            names = "--aws",
            negatable = true,
            description = "Run the AWS stand-in (moto): SNS topics and EventBridge rules connected to the alarm queue"
                    + " by the code of 'aws connect', so alarms travel SNS/EventBridge -> SQS -> bridge. Default: on"
                    + " when python3 with moto is installed (otherwise one line says why, and alarms go straight into"
                    + " an in-process queue); --aws requires it, --no-aws turns it off.")
    Boolean aws;

    @Option(
            names = "--state-dir",
            description = "Local state: Kafka data, RocksDB (default: $ALERTBRIDGE_STATE_DIR or ./.alertbridge).")
    Path stateDir;

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            description = "Address of /health, /metrics and /slack/events (default: $" + BIND_VARIABLE
                    + " or 127.0.0.1, this machine only). 0.0.0.0 opens them to the network: anyone who reaches the"
                    + " port sees /health and /metrics; /slack/events still needs the signing secret.")
    String bind;

    @Option(
            names = "--exit-when-ready",
            hidden = true,
            description = "Stop as soon as everything is ready (smoke tests).")
    boolean exitWhenReady;

    @Option(names = "--demo-speed", hidden = true, defaultValue = "1.0", description = "Play the demo faster (tests).")
    double demoSpeed;

    @Option(names = "--exit-after-demo", hidden = true, description = "Stop once the demo's incidents resolved.")
    boolean exitAfterDemo;

    @Override
    public Integer call() throws Exception {
        if (!embeddedDefaultPresent(DevCommand.class.getClassLoader())) {
            spec.commandLine()
                    .getErr()
                    .println("alertbridge dev runs the embedded default (in-process Kafka, SQS and Slack), which this"
                            + " jar leaves out: alertbridge-server.jar, the one in the Docker image, carries only the"
                            + " parts for real infrastructure. Run dev from alertbridge.jar (./alertbridge dev).");
            return 2;
        }
        long started = System.nanoTime();
        AlertbridgeConfig all = options.configuration();
        ProcessorConfig config = all.processor();
        Path state = stateDir != null ? stateDir : Path.of(config.stateDir());
        Topics topics = config.topicCatalog();
        DevEnvironment env = DevEnvironment.start(state, topics, awsMode(aws));
        InetAddress address = bindAddress(bind, options.environment());
        try (RunningParts parts = new RunningParts(address, DevEnvironment.preferred(options.httpPort()))) {
            parts.closeLast(env);
            ProcessorConfig dev = config.toBuilder()
                    .bootstrapServers(env.bootstrapServers())
                    // The dev broker's topics have one partition: the stages hand records on in the one task.
                    .streams(config.streams().onSinglePartitionTopics())
                    .stateDir(state.toString())
                    .build();
            // One live rule book for the processor and the sink: a rule applied at run time reaches both.
            LiveRuleBook rules = dev.rules().live();
            parts.startProcessor(dev, rules);
            parts.startBridge(
                    SqsBridgeConfig.builder()
                            .queueUrls(List.of(env.alarmQueueUrl()))
                            .topics(topics)
                            // Short polls keep Ctrl-C quick; the in-process queue answers at once anyway.
                            .waitTime(Duration.ofSeconds(2))
                            .build(),
                    env.queueClient(),
                    dev);
            // Graphs of alarms read moto's CloudWatch when dev runs it; anomaly graphs need no AWS.
            parts.startSink(
                    slackConfig(all.sink(), env),
                    dev,
                    id -> rules.get().route(id),
                    env.aws().map(DevAws::access).orElse(null));
            DevWebhook hooks = DevWebhook.start();
            parts.closeLast(hooks);
            DevPagerDuty pagerDuty = DevPagerDuty.start();
            parts.closeLast(pagerDuty);
            startReceivers(parts, all, dev, rules, hooks, pagerDuty);
            startInteractivity(parts, env, topics, dev, all.interactivity(), rules);
            awaitReady(parts, Duration.ofSeconds(60));
            describe(spec.commandLine().getOut(), env, topics, parts, Duration.ofNanos(System.nanoTime() - started));
            spec.commandLine()
                    .getOut()
                    .printf(
                            "  Webhook stand-in         %s  (receiver webhook:%s: list it in a route, receivers:"
                                    + " [slack, webhook:%s]; each delivery is logged)%n",
                            hooks.url(), DevWebhook.NAME, DevWebhook.NAME);
            if (demo) {
                Thread player = startDemo(env, topics);
                if (exitAfterDemo) {
                    player.join();
                    DemoReport.awaitAllResolved(env.slack(), spec.commandLine().getOut(), Duration.ofMinutes(3));
                    return 0;
                }
            }
            if (!exitWhenReady) {
                Shutdown.closeOnSignal(parts);
            }
        }
        return 0;
    }

    /**
     * The configured receivers plus {@code webhook:local} and {@code pagerduty:local}, delivering to local stand-ins
     * that check what they get and log it, so a route that lists them shows what a receiver gets.
     */
    private static void startReceivers(
            RunningParts parts,
            AlertbridgeConfig all,
            ProcessorConfig dev,
            LiveRuleBook rules,
            DevWebhook hooks,
            DevPagerDuty pagerDuty) {
        SlackSecrets secrets = SlackSecrets.of(all);
        parts.closeLast(secrets);
        ReceiversConfig receivers = ReceiverSecrets.read(all.receivers(), secrets)
                .withWebhook(DevWebhook.NAME, hooks.config())
                .withPagerDuty(DevPagerDuty.NAME, pagerDuty.config());
        ReceiverSecrets.checkRoutes(rules.get().rules().values(), receivers);
        parts.startReceivers(receivers, dev, id -> rules.get().route(id));
    }

    /**
     * Buttons and {@code /alerts}: against the local workspace over HTTP (its page signs what people click and
     * type, and sends it to this process's {@code /slack/events}); with SLACK_BOT_TOKEN, as configured for real Slack.
     */
    private static void startInteractivity(
            RunningParts parts,
            DevEnvironment env,
            Topics topics,
            ProcessorConfig dev,
            Deferred<InteractivityConfig> configured,
            LiveRuleBook rules) {
        InteractivityConfig config = configured.setByEnvironment("botToken")
                ? configured.get()
                : InteractivityConfig.builder()
                        .mode(InteractivityConfig.Mode.HTTP)
                        .signingSecret(env.slack().signingSecret())
                        .botToken(env.slack().botToken())
                        .apiUrl(env.slack().apiUrl())
                        .topics(topics)
                        .build();
        // /alerts alarm asks moto's CloudWatch when dev runs it; without moto it says AWS is not configured.
        AlarmLookup alarms = env.aws()
                .map(aws -> new AlarmLookup(aws.access(), List.of(env.alarmQueueUrl()), Clock.systemUTC()))
                .orElse(null);
        parts.startInteractivity(config, dev, alarms, id -> rules.get().route(id));
        // The page signs and posts from this JVM, so it reaches the endpoint on loopback whatever the bind address.
        String url = "http://" + local(parts) + ":" + parts.ops().port() + config.path();
        env.slack().setInteractivityUrl(url);
        env.slack().setSlashCommandUrl(url);
    }

    /** {@code --aws}: required; {@code --no-aws}: off; neither: when moto is there. */
    static DevEnvironment.AwsMode awsMode(Boolean option) {
        if (option == null) {
            return DevEnvironment.AwsMode.IF_AVAILABLE;
        }
        return option ? DevEnvironment.AwsMode.ON : DevEnvironment.AwsMode.OFF;
    }

    /**
     * The address to listen on: the option, else the environment variable, else the loopback address.
     *
     * @throws IllegalArgumentException naming the option when the address cannot be resolved
     */
    /** Whether the devkit is on the class path (it is in alertbridge.jar, not in alertbridge-server.jar). */
    static boolean embeddedDefaultPresent(ClassLoader loader) {
        try {
            Class.forName("io.alertbridge.devkit.PersistentKafka", false, loader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static InetAddress bindAddress(String option, Map<String, String> environment) {
        String value = option != null ? option : environment.get(BIND_VARIABLE);
        if (value == null || value.isBlank()) {
            return InetAddress.getLoopbackAddress();
        }
        try {
            return InetAddress.getByName(value.strip());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(
                    "--bind (or " + BIND_VARIABLE + "): not an address of this machine: '" + value + "'", e);
        }
    }

    /** How this JVM reaches its own HTTP server: the bound address, or loopback when bound to every interface. */
    private static String local(RunningParts parts) {
        InetAddress bound = parts.ops().address().getAddress();
        InetAddress reach = bound.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound;
        String host = reach.getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /**
     * The configured sink against the local workspace, unless SLACK_BOT_TOKEN asks for real Slack (SLACK_API_URL
     * for another one).
     */
    private static SlackSinkConfig slackConfig(Deferred<SlackSinkConfig> configured, DevEnvironment env) {
        if (configured.setByEnvironment("token")) {
            return withDemoTemplate(configured);
        }
        return withDemoTemplate(configured.with(
                Map.of("apiUrl", env.slack().apiUrl(), "token", env.slack().botToken())));
    }

    /**
     * The sink's configuration with {@link #DEMO_TEMPLATES} when it configures no {@code templates} of its own, so
     * that the demo shows what a message template does; a configuration that sets any keeps exactly its own.
     */
    static SlackSinkConfig withDemoTemplate(Deferred<SlackSinkConfig> sink) {
        SlackSinkConfig config = sink.get();
        return config.templates().isEmpty()
                ? sink.with(Map.of("templates", DEMO_TEMPLATES)).get()
                : config;
    }

    private static void awaitReady(RunningParts parts, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!parts.ops().healthReport().get("ready").asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not ready after " + timeout.toSeconds() + " s: "
                        + parts.ops().healthReport());
            }
            Thread.sleep(100); // CHECKSTYLE:OK polling readiness once at start
        }
    }

    private Thread startDemo(DevEnvironment env, Topics topics) {
        Thread player = new Thread(
                () -> {
                    TopicSpec<String, AnomalyScore> scores = topics.anomalyScores();
                    try (KafkaProducer<String, AnomalyScore> producer = new KafkaProducer<>(
                            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers()),
                            scores.keySerde().serializer(),
                            scores.valueSerde().serializer())) {
                        DemoScenario demo = new DemoScenario(
                                env.aws()
                                        .<DemoOutlet>map(AwsDemoOutlet::of)
                                        .orElseGet(() -> new QueueDemoOutlet(
                                                env.queueClient(),
                                                env.alarmQueueUrl(),
                                                producer,
                                                scores.name(),
                                                Clock.systemUTC())),
                                Clock.systemUTC());
                        demo.play(demoSpeed, step -> spec.commandLine()
                                .getOut()
                                .printf("demo: %s%n", step)
                                .flush());
                        spec.commandLine().getOut().printf("demo: finished; the incidents stay on the page%n");
                        spec.commandLine().getOut().flush();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        LOG.warn("The demo stopped early", e);
                    }
                },
                "alertbridge-demo");
        player.setDaemon(true);
        player.start();
        return player;
    }

    private static void describeQueue(PrintWriter out, DevEnvironment env) {
        out.printf("  SQS endpoint             %s%n", env.queueEndpoint());
        out.printf("  alarm queue              %s%n%n", env.alarmQueueUrl());
        out.println("Send a CloudWatch alarm (any SQS client; the AWS CLI with dummy credentials):");
        out.printf(
                "  AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x aws --region us-east-1 --endpoint-url %s \\%n",
                env.queueEndpoint());
        out.printf("    sqs send-message --queue-url %s --message-body file://alarm.json%n%n", env.alarmQueueUrl());
    }

    private static void describeAws(PrintWriter out, DevAws aws, DevEnvironment env) {
        out.printf("  AWS stand-in (moto)      %s  (region %s)%n", aws.endpoint(), aws.region());
        out.printf("  alarm topic              %s%n", aws.alarmTopicArn());
        out.printf("  anomaly topic            %s%n", aws.anomalyTopicArn());
        out.printf("  alarm queue              %s%n", env.alarmQueueUrl());
        out.printf("%naws connect --queue %s", DevEnvironment.ALARM_QUEUE);
        out.printf(" --sns-topic %s --sns-topic %s", aws.alarmTopicArn(), aws.anomalyTopicArn());
        DevAws.PRESETS.forEach(preset -> out.printf(" --events %s", preset));
        out.printf(" (against moto):%n");
        aws.connectReport().forEach(line -> out.printf("  %s%n", line));
        out.println();
        out.println("Publish a CloudWatch alarm message to the alarm topic (the AWS CLI with dummy credentials):");
        out.printf(
                "  AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x aws --region %s --endpoint-url %s \\%n",
                aws.region(), aws.endpoint());
        out.printf("    sns publish --topic-arn %s --message file://alarm.json%n%n", aws.alarmTopicArn());
    }

    /** The first line of a message, for the one line dev prints about what it could not start. */
    static String oneLine(String message) {
        return message.strip().lines().findFirst().orElse("");
    }

    private static void describe(
            PrintWriter out, DevEnvironment env, Topics topics, RunningParts parts, Duration startup) {
        out.printf("%nAlertbridge dev is ready in %.1f s%n%n", startup.toMillis() / 1000.0);
        InetAddress bound = parts.ops().address().getAddress();
        out.printf(
                "  health and metrics       http://%s:%d/health  /metrics%s%n",
                local(parts),
                parts.ops().port(),
                bound.isLoopbackAddress()
                        ? " (this machine only; --bind to open)"
                        : " (bound to " + bound.getHostAddress() + ")");
        out.printf("  Slack signing secret     %s  (in %s)%n", env.slack().signingSecret(), env.signingSecretFile());
        out.printf("  Slack (local workspace)  %s%n", env.slack().pageUrl());
        out.printf("  Slack Web API            %s%n", env.slack().apiUrl());
        out.printf("  Kafka bootstrap servers  %s%n", env.bootstrapServers());
        env.awsNote().ifPresent(note -> out.printf("  AWS stand-in             not started: %s%n", oneLine(note)));
        env.aws().ifPresentOrElse(aws -> describeAws(out, aws, env), () -> describeQueue(out, env));
        out.printf(
                "Produce an anomaly score (key = series id) to %s, e.g. with kcat:%n",
                topics.anomalyScores().name());
        out.printf(
                "  echo 'cpu-1|{\"detector\":\"numenta\",\"series\":\"cpu-1\",\"timestamp\":\"2026-01-01T00:00:00Z\","
                        + "\"score\":0.9}' | kcat -b %s -t %s -K'|' -P%n%n",
                env.bootstrapServers(), topics.anomalyScores().name());
        out.println("Ctrl-C stops everything; data stays for the next start.");
        out.flush();
    }
}
