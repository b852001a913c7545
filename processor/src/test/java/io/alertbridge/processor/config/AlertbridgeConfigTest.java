package io.alertbridge.processor.config;

import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.interactivity.InteractivityConfig;
import io.alertbridge.connectors.sqs.SqsBridgeConfig;
import io.alertbridge.schemas.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one model: every part's slice from one file and one environment table, failing at load naming the key. */
class AlertbridgeConfigTest {

    private static final String QUEUE = "https://sqs.eu-west-1.amazonaws.com/111122223333/alarms";
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String BOT = "xoxb-test-secretbotpart";
    private static final String APP = "xapp-1-A111-222-secretapppart";
    private static final Map<String, String> SLACK = Map.of("SLACK_BOT_TOKEN", BOT, "SLACK_SIGNING_SECRET", SECRET);

    private static AlertbridgeConfig parse(String yaml, Map<String, String> env) {
        return ConfigLoader.parse(yaml, "ab.yaml", env);
    }

    @Test
    void shouldRunOnDefaultsEverywhereWithoutFileOrEnvironment() {
        AlertbridgeConfig config = parse("", Map.of());

        assertThat(config.processor()).isEqualTo(ProcessorConfig.defaults());
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.aws()).isEqualTo(AwsSlice.defaults());
        assertThat(config.bridge()).isEqualTo(SqsBridgeConfig.of(List.of()));
        assertThat(config.sink().ifValid())
                .as("no token: the sink cannot be used")
                .isEmpty();
    }

    @Test
    void shouldHandTheOneTopicPrefixToEveryPart() {
        AlertbridgeConfig fromFile = parse("topics: {prefix: staging.}", SLACK);
        AlertbridgeConfig fromEnvironment = parse(
                "topics: {prefix: staging.}\nslack: {topicPrefix: staging.}",
                Map.of("ALERTBRIDGE_TOPIC_PREFIX", "prod.", "SLACK_BOT_TOKEN", BOT, "SLACK_SIGNING_SECRET", SECRET));

        for (AlertbridgeConfig config : List.of(fromFile, fromEnvironment)) {
            String prefix = config.processor().topics().prefix();
            assertThat(config.bridge().topics().prefix()).isEqualTo(prefix);
            assertThat(config.sink().get().topics().prefix()).isEqualTo(prefix);
            assertThat(config.interactivity().get().topics().prefix()).isEqualTo(prefix);
        }
        assertThat(fromFile.processor().topics().prefix()).isEqualTo("staging.");
        assertThat(fromEnvironment.processor().topics().prefix()).isEqualTo("prod.");
    }

    @Test
    void shouldBindTheSqsSectionWithTheEnvironmentOverridingIt() {
        String yaml =
                """
                sqs:
                  queueUrls: [%s]
                  endpoint: http://localhost:9324
                  region: eu-west-1
                  receiversPerQueue: 4
                  waitTime: 5s
                  maxMessagesPerReceive: 5
                  maxInFlight: 50
                  visibilityTimeout: 2m
                  extensionMargin: 20s
                  closeTimeout: 10s
                """
                        .formatted(QUEUE);

        SqsBridgeConfig fromFile = parse(yaml, Map.of()).bridge();
        SqsBridgeConfig overridden = parse(
                        yaml,
                        Map.of(
                                "ALERTBRIDGE_SQS_QUEUE_URLS",
                                        " http://sqs.local:9324/0/a ,, http://sqs.local:9324/0/b ,",
                                "AWS_ENDPOINT_URL_SQS", "http://sqs.local:9324",
                                "AWS_ENDPOINT_URL", "http://everything.local:4566",
                                "AWS_REGION", "us-east-2"))
                .bridge();

        assertThat(fromFile)
                .isEqualTo(SqsBridgeConfig.builder()
                        .queueUrls(List.of(QUEUE))
                        .endpoint(URI.create("http://localhost:9324"))
                        .region("eu-west-1")
                        .receiversPerQueue(4)
                        .waitTime(Duration.ofSeconds(5))
                        .maxMessagesPerReceive(5)
                        .maxInFlight(50)
                        .visibilityTimeout(Duration.ofMinutes(2))
                        .extensionMargin(Duration.ofSeconds(20))
                        .closeTimeout(Duration.ofSeconds(10))
                        .build());
        assertThat(overridden.queueUrls()).containsExactly("http://sqs.local:9324/0/a", "http://sqs.local:9324/0/b");
        assertThat(overridden.endpoint()).isEqualTo(URI.create("http://sqs.local:9324"));
        assertThat(overridden.region()).isEqualTo("us-east-2");
        assertThat(overridden.waitTime())
                .as("what the environment does not say stays")
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldLetSqsTakeTheSharedAwsConnectionUnlessItSaysOtherwise() {
        AlertbridgeConfig shared = parse("aws: {region: eu-west-3, endpoint: \"http://localstack:4566\"}", Map.of());
        AlertbridgeConfig general = parse("", Map.of("AWS_ENDPOINT_URL", "http://everything.local:4566"));
        AlertbridgeConfig own = parse(
                "aws: {region: eu-west-3}\nsqs: {region: us-west-2}",
                Map.of("AWS_ENDPOINT_URL_SQS", "http://sqs:9324"));

        assertThat(shared.aws()).isEqualTo(new AwsSlice("eu-west-3", URI.create("http://localstack:4566")));
        assertThat(shared.bridge().region()).isEqualTo("eu-west-3");
        assertThat(shared.bridge().endpoint()).isEqualTo(URI.create("http://localstack:4566"));
        assertThat(general.aws().endpoint()).isEqualTo(URI.create("http://everything.local:4566"));
        assertThat(general.bridge().endpoint()).isEqualTo(URI.create("http://everything.local:4566"));
        assertThat(own.bridge().region()).isEqualTo("us-west-2");
        assertThat(own.bridge().endpoint()).isEqualTo(URI.create("http://sqs:9324"));
        assertThat(own.aws().endpoint()).isNull();
    }

    @Test
    void shouldBindSlackSectionsWithTheEnvironmentOnTop() {
        AlertbridgeConfig config = parse(
                """
                slack: {apiUrl: "https://file.example/api/", token: xoxb-file, defaultChannel: "#file",
                        archiveAfter: 2h, inviteOptOuts: [Bob@Example.com]}
                interactivity: {allowedUsers: [u0123abcd, W999ZZZ], allowedUserGroup: S0ONCALL, zone: Europe/Paris,
                                morning: "08:30", maxSnooze: 3d, listLimit: 10}
                """,
                Map.of(
                        "SLACK_API_URL",
                        "http://localhost:9999/api/",
                        "SLACK_BOT_TOKEN",
                        BOT,
                        "SLACK_SIGNING_SECRET",
                        SECRET));

        SlackSinkConfig sink = config.sink().get();
        InteractivityConfig interactivity = config.interactivity().get();
        assertThat(sink.apiUrl()).isEqualTo("http://localhost:9999/api/");
        assertThat(sink.token()).isEqualTo(BOT);
        assertThat(sink.defaultChannel()).isEqualTo("#file");
        assertThat(sink.archiveAfter()).isEqualTo(Duration.ofHours(2));
        assertThat(sink.optedOut("bob@example.com")).isTrue();
        assertThat(config.sink().sourceOf("token")).isEqualTo("SLACK_BOT_TOKEN");
        assertThat(config.sink().sourceOf("groupId")).isEqualTo("slack.groupId");
        assertThat(interactivity.mode()).isEqualTo(InteractivityConfig.Mode.HTTP);
        assertThat(interactivity.apiUrl()).isEqualTo("http://localhost:9999/api/");
        assertThat(interactivity.allowedUsers()).containsExactlyInAnyOrder("U0123ABCD", "W999ZZZ");
        assertThat(interactivity.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(interactivity.morning()).isEqualTo(LocalTime.of(8, 30));
        assertThat(interactivity.maxSnooze()).isEqualTo(Duration.ofDays(3));
        assertThat(interactivity.restricted()).isTrue();
        assertThat(parse("", Map.of("SLACK_APP_TOKEN", APP, "SLACK_BOT_TOKEN", BOT))
                        .interactivity()
                        .get()
                        .mode())
                .isEqualTo(InteractivityConfig.Mode.SOCKET);
    }

    @Test
    void shouldFailAtLoadOnAnUnknownKeyNamingIt() {
        assertThatThrownBy(() -> parse("slak: {token: x}", Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("ab.yaml: unknown key 'slak'")
                .hasMessageContaining("slack");
        assertThatThrownBy(() -> parse("slack: {botToken: x}", Map.of()))
                .hasMessageStartingWith("ab.yaml: unknown key 'slack.botToken'")
                .hasMessageContaining("token");
        assertThatThrownBy(() -> parse("interactivity: {maxSnoze: 1d}", Map.of()))
                .hasMessageStartingWith("ab.yaml: unknown key 'interactivity.maxSnoze'");
        assertThatThrownBy(() -> parse("sqs: {waitTimeout: 5s}", Map.of()))
                .hasMessageStartingWith("ab.yaml: unknown key 'sqs.waitTimeout'")
                .hasMessageContaining("waitTime");
        assertThatThrownBy(() -> parse("sqs: {topicPrefix: x.}", Map.of()))
                .hasMessageStartingWith("ab.yaml: unknown key 'sqs.topicPrefix'");
    }

    @Test
    void shouldFailAtLoadOnAWrongTypeNamingTheKeyAndTheVariable() {
        assertThatThrownBy(() -> parse("sqs: {waitTime: soon}", Map.of()))
                .hasMessageStartingWith("ab.yaml: sqs.waitTime: ");
        assertThatThrownBy(() -> parse("slack: {reconcilePages: many}", Map.of()))
                .hasMessageStartingWith("ab.yaml: slack.reconcilePages: ");
        assertThatThrownBy(() -> parse("interactivity: {zone: Mars/Olympus}", Map.of()))
                .hasMessageStartingWith("ab.yaml: interactivity.zone: ")
                .hasMessageContaining("Mars/Olympus");
        assertThatThrownBy(() -> parse("httpPort: eighty", Map.of()))
                .hasMessageStartingWith("ab.yaml: httpPort: ")
                .hasMessageContaining("ALERTBRIDGE_HTTP_PORT");
        assertThatThrownBy(() -> parse("", Map.of("ALERTBRIDGE_HTTP_PORT", "eighty")))
                .hasMessageStartingWith("environment variable ALERTBRIDGE_HTTP_PORT: httpPort: ");
        assertThatThrownBy(() -> parse("", Map.of("ALERTBRIDGE_HTTP_PORT", "70000")))
                .hasMessageStartingWith("environment variable ALERTBRIDGE_HTTP_PORT: httpPort: must be a port");
        assertThatThrownBy(() -> parse("", Map.of("AWS_REGION", "EU West")))
                .hasMessageStartingWith("environment variable AWS_REGION: aws.region: ");
        assertThatThrownBy(() -> parse("sqs: {endpoint: \"localhost:9324\"}", Map.of()))
                .hasMessageStartingWith("ab.yaml: sqs.endpoint: ")
                .hasMessageContaining("AWS_ENDPOINT_URL_SQS");
    }

    @Test
    void shouldNameTheKeyAndTheVariableOfAMissingRequiredValue() {
        assertThatThrownBy(() -> parse("kafka: {bootstrapServers: \"\"}", Map.of()))
                .hasMessage("ab.yaml: kafka.bootstrapServers must not be blank (environment variable "
                        + "KAFKA_BOOTSTRAP_SERVERS)");
        AlertbridgeConfig noSlack = parse("slack: {groupId: sink}", Map.of());
        assertThatThrownBy(() -> noSlack.sink().get())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("ab.yaml: slack.token: required (set SLACK_BOT_TOKEN)");
        assertThatThrownBy(() -> parse("", Map.of("SLACK_BOT_TOKEN", BOT))
                        .interactivity()
                        .get())
                .hasMessageContaining("interactivity.signingSecret")
                .hasMessageContaining("SLACK_SIGNING_SECRET");
        assertThatThrownBy(() -> parse("interactivity: {mode: socket}", Map.of("SLACK_BOT_TOKEN", BOT))
                        .interactivity()
                        .get())
                .hasMessageContaining("interactivity.appToken")
                .hasMessageContaining("SLACK_APP_TOKEN");
    }

    @Test
    void shouldReportAnInvalidSlackValueOnlyToTheCommandThatNeedsIt() {
        AlertbridgeConfig config = parse("interactivity: {listLimit: 500}", SLACK);

        assertThat(config.processor()).isEqualTo(ProcessorConfig.defaults());
        assertThatThrownBy(() -> config.interactivity().get())
                .hasMessageStartingWith("ab.yaml: interactivity.listLimit");
    }

    @Test
    void shouldRebindASectionWithReplacedKeysWithoutReadingTheFileAgain() {
        AlertbridgeConfig config = parse("slack: {callTimeout: 3s}", Map.of("SLACK_API_URL", "https://real/api/"));

        SlackSinkConfig local = config.sink()
                .with(Map.of("token", "xoxb-local", "apiUrl", "http://127.0.0.1:1/api/"))
                .get();

        assertThat(local.token()).isEqualTo("xoxb-local");
        assertThat(local.apiUrl()).isEqualTo("http://127.0.0.1:1/api/");
        assertThat(local.callTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.sink().setByEnvironment("apiUrl")).isTrue();
        assertThat(config.sink().with(Map.of("apiUrl", "http://x/api/")).setByEnvironment("apiUrl"))
                .isFalse();
    }
}
