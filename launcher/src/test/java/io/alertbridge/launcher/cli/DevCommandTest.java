package io.alertbridge.launcher.cli;

import io.alertbridge.connectors.slack.MessageTemplate;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.launcher.dev.DevEnvironment;
import io.alertbridge.processor.config.AlertbridgeConfig;
import io.alertbridge.processor.config.Deferred;
import io.alertbridge.processor.config.ProcessorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevCommandTest {

    @Test
    void shouldBindToLoopbackUnlessToldOtherwise() throws Exception {
        assertThat(DevCommand.bindAddress(null, Map.of()).isLoopbackAddress()).isTrue();
        assertThat(DevCommand.bindAddress(null, Map.of(DevCommand.BIND_VARIABLE, " "))
                        .isLoopbackAddress())
                .isTrue();
        assertThat(DevCommand.bindAddress("0.0.0.0", Map.of()).isAnyLocalAddress())
                .isTrue();
        assertThat(DevCommand.bindAddress(null, Map.of(DevCommand.BIND_VARIABLE, "0.0.0.0"))
                        .isAnyLocalAddress())
                .isTrue();
        assertThat(DevCommand.bindAddress("127.0.0.1", Map.of(DevCommand.BIND_VARIABLE, "0.0.0.0")))
                .isEqualTo(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void shouldNameTheOptionWhenTheAddressIsUnknown() {
        assertThatThrownBy(() -> DevCommand.bindAddress("no-such-host.invalid", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--bind");
    }

    @Test
    void shouldDocumentBindInItsHelp() {
        String help = new picocli.CommandLine(new DevCommand()).getUsageMessage();
        assertThat(help).contains("--bind=ADDRESS").contains("127.0.0.1");
    }

    @Test
    void shouldRunTheAwsStandInWhenAvailableUnlessTurnedOffAndRequireItWhenAskedFor() {
        assertThat(parseAws()).isEqualTo(DevEnvironment.AwsMode.IF_AVAILABLE);
        assertThat(parseAws("--aws")).isEqualTo(DevEnvironment.AwsMode.ON);
        assertThat(parseAws("--no-aws")).isEqualTo(DevEnvironment.AwsMode.OFF);
        String help = new picocli.CommandLine(new DevCommand()).getUsageMessage();
        assertThat(help).contains("--[no-]aws").contains("moto");
    }

    @Test
    void shouldSayWhyMotoIsMissingInOneLine() {
        assertThat(DevCommand.oneLine("the AWS stand-in needs moto's server for python3, which is not installed\n"
                        + "Traceback (most recent call last):\n  ..."))
                .isEqualTo("the AWS stand-in needs moto's server for python3, which is not installed");
    }

    @Test
    void shouldShowDevsTemplateUnlessTheConfigurationSetsItsOwn(@TempDir Path dir) throws Exception {
        Path plain = Files.writeString(dir.resolve("plain.yaml"), "slack: {defaultChannel: \"#alerts\"}\n");
        Path own = Files.writeString(
                dir.resolve("own.yaml"), "slack:\n  templates:\n    payments: {headline: \"{title}\"}\n");

        SlackSinkConfig demo = DevCommand.withDemoTemplate(sink(plain));
        SlackSinkConfig configured = DevCommand.withDemoTemplate(sink(own));

        MessageTemplate template = demo.templateFor("any-route");
        assertThat(template).isNotEqualTo(MessageTemplate.DEFAULT);
        assertThat(template.headline()).contains("{state}");
        assertThat(template.labels()).containsExactly("resource", "account");
        assertThat(template.maxMembers()).isEqualTo(5);
        assertThat(template.footer()).contains("dev's message template");
        assertThat(configured.templates()).containsOnlyKeys("payments");
        assertThat(configured.templateFor("any-route")).isEqualTo(MessageTemplate.DEFAULT);
    }

    private static Deferred<SlackSinkConfig> sink(Path file) {
        return AlertbridgeConfig.load(
                        Map.of(ProcessorConfig.CONFIG_VARIABLE, file.toString(), "SLACK_BOT_TOKEN", "xoxb-test"))
                .sink();
    }

    private static DevEnvironment.AwsMode parseAws(String... args) {
        DevCommand command = new DevCommand();
        new picocli.CommandLine(command).parseArgs(args);
        return DevCommand.awsMode(command.aws);
    }
}
