package io.alertbridge.launcher.cli;

import io.alertbridge.connectors.slack.MessageTemplate;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.interactivity.InteractivityConfig;
import io.alertbridge.connectors.sqs.SqsBridgeConfig;
import io.alertbridge.processor.config.AlertbridgeConfig;
import io.alertbridge.processor.config.AwsSlice;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.rules.RulesFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented example configuration and rules are what every part of Alertbridge actually accepts. */
class ExampleConfigurationTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path EXAMPLE = ROOT.resolve("config/alertbridge.example.yaml");

    @Test
    void shouldLoadTheExampleIntoEveryPartsConfiguration() {
        Map<String, String> env = Map.of(
                ProcessorConfig.CONFIG_VARIABLE,
                EXAMPLE.toString(),
                "SLACK_BOT_TOKEN",
                "xoxb-example",
                "SLACK_SIGNING_SECRET",
                "example-secret");
        LauncherOptions options = new LauncherOptions();
        options.config = EXAMPLE;

        AlertbridgeConfig config = AlertbridgeConfig.load(env);
        ProcessorConfig processor = config.processor();
        SlackSinkConfig sink = config.sink().get();
        InteractivityConfig interactivity = config.interactivity().get();
        SqsBridgeConfig bridge = config.bridge();
        AlertbridgeConfig launched = options.configuration();

        assertThat(processor.streams().processingGuarantee()).isEqualTo("exactly_once_v2");
        assertThat(processor.dedupe().retention()).isEqualTo(Duration.ofHours(24));
        assertThat(processor.rules().file()).isEqualTo("config/rules.example.yaml");
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.aws()).isEqualTo(AwsSlice.defaults());
        assertThat(sink.archiveAfter()).isEqualTo(Duration.ofHours(24));
        assertThat(sink.topics().prefix()).isEqualTo(processor.topics().prefix());
        assertThat(interactivity.mode()).isEqualTo(InteractivityConfig.Mode.HTTP);
        assertThat(interactivity.path()).isEqualTo("/slack/events");
        assertThat(bridge.queueUrls()).isEmpty();
        assertThat(bridge.waitTime()).isEqualTo(Duration.ofSeconds(20));
        assertThat(bridge.visibilityTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(bridge.endpoint()).isNull();
        assertThat(launched.bridge().waitTime()).isEqualTo(bridge.waitTime());
        assertThat(launched.bridge().topics().awsRaw().name())
                .isEqualTo(launched.processor().topicCatalog().awsRaw().name());
    }

    @Test
    void shouldLoadTheExampleTemplatesAsDocumented() {
        SlackSinkConfig sink = AlertbridgeConfig.load(
                        Map.of(ProcessorConfig.CONFIG_VARIABLE, EXAMPLE.toString(), "SLACK_BOT_TOKEN", "xoxb-example"))
                .sink()
                .get();

        MessageTemplate payments = sink.templateFor("payments");
        assertThat(sink.templateFor("any-other-route"))
                .as("the example's default shows the built-in values")
                .isEqualTo(MessageTemplate.DEFAULT);
        assertThat(payments.headline())
                .isEqualTo("{emoji} *{state}* {title} in {label:service}"
                        + " (<https://wiki.example.com/runbooks/payments|runbook>)");
        assertThat(payments.labels()).containsExactly("service", "team");
        assertThat(payments.maxMembers()).isEqualTo(5);
        assertThat(payments.buttons()).isFalse();
        assertThat(payments.footer())
                .isEqualTo("{incidentId} · {firing} of {members} firing · owned by #payments-oncall");
        assertThat(MessageTemplate.fill(
                        payments.headline(),
                        Map.of("emoji", ":red_circle:", "state", "OPEN", "title", "payments-5xx"),
                        label -> label.equals("service") ? "payments" : ""))
                .isEqualTo(":red_circle: *OPEN* payments-5xx in payments"
                        + " (<https://wiki.example.com/runbooks/payments|runbook>)");
    }

    @Test
    void shouldDefineEveryReceiverTheExampleRoutesName() {
        AlertbridgeConfig config = AlertbridgeConfig.load(Map.of(
                "ALERTBRIDGE_CONFIG",
                ROOT.resolve("config/alertbridge.example.yaml").toString()));

        assertThat(config.receivers().names()).containsExactly("email:ops", "pagerduty:oncall", "webhook:tickets");
        assertThat(config.receivers().webhook().get("tickets").giveUpAfter()).isEqualTo(Duration.ofHours(24));
        assertThat(RulesFile.load(
                        ROOT.resolve("config/rules.example.yaml"),
                        config.receivers().names()))
                .isNotEmpty();
    }

    @Test
    void shouldAcceptEveryExampleRule() {
        assertThat(RulesFile.load(ROOT.resolve("config/rules.example.yaml")))
                .extracting(rule -> rule.id())
                .containsExactly(
                        "payments",
                        "flaky-disks",
                        "default",
                        "numenta",
                        "db-failover-2026-11-22",
                        "nightly-backup",
                        "region-down-inhibits-instances",
                        "weekly-payments");
    }
}
