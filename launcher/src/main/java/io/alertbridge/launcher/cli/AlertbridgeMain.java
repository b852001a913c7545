package io.alertbridge.launcher.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code alertbridge} launcher. Subcommands do the work; this class only parses, prints errors
 * a person can act on, and sets the exit code (0 success, 1 failure, 2 bad usage).
 */
@Command(
        name = "alertbridge",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = {
            "AWS alarms and AI anomaly scores become one living Slack message per incident.",
            "",
            "Start here:  alertbridge dev --demo   (everything in-process, nothing to install)",
        },
        subcommands = {
            DevCommand.class,
            RunCommand.class,
            ProcessCommand.class,
            BridgeCommand.class,
            SinkCommand.class,
            ReceiversCommand.class,
            InteractCommand.class,
            ReportCommand.class,
            TopicsCommand.class,
            AwsCommand.class,
            RulesCommand.class,
            HeartbeatCommand.class,
            ReplayCommand.class,
            VersionCommand.class,
            CommandLine.HelpCommand.class
        })
public final class AlertbridgeMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // The JDK's HttpServer (ops endpoints, the local Slack workspace) otherwise delays every small answer by
        // ~40 ms (Nagle's algorithm against delayed ACKs). Read once, before the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        System.exit(execute(args));
    }

    /** Runs the launcher and returns its exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new AlertbridgeMain());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(commandLine.getColorScheme().errorText("alertbridge: " + e.getMessage()));
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
