package io.alertbridge.launcher.cli;

import io.alertbridge.launcher.dev.DevEnvironment;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
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

    private static DevEnvironment.AwsMode parseAws(String... args) {
        DevCommand command = new DevCommand();
        new picocli.CommandLine(command).parseArgs(args);
        return DevCommand.awsMode(command.aws);
    }
}
