package io.alertbridge.launcher.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code alertbridge version}: the build's version and the versions of what it runs on. */
@Command(
        name = "version",
        mixinStandardHelpOptions = true,
        description = "Print the version of Alertbridge and of Kafka and Java it runs on.")
final class VersionCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        for (String line : new Provider().getVersion()) {
            spec.commandLine().getOut().println(line);
        }
    }

    /** The version lines, from the jar's manifest (a development build says so). */
    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AlertbridgeMain.class.getPackage().getImplementationVersion();
            return new String[] {
                "alertbridge " + (version != null ? version : "(development build)"),
                "kafka " + org.apache.kafka.common.utils.AppInfoParser.getVersion(),
                "java " + System.getProperty("java.version")
            };
        }
    }
}
