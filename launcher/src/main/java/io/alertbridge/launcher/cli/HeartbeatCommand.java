package io.alertbridge.launcher.cli;

import io.alertbridge.launcher.ops.HeartbeatPings;
import io.alertbridge.launcher.ops.HeartbeatTokens;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/**
 * {@code alertbridge heartbeat token NAME}: a fresh random token for a {@code ping} heartbeat, with the SHA-256 its rule
 * stores ({@code tokenSha256}) and the {@code curl} a job runs. The token is printed once and kept nowhere.
 */
@Command(
        name = "heartbeat",
        mixinStandardHelpOptions = true,
        description = "Heartbeats (dead man's switches).",
        subcommands = {HeartbeatCommand.Token.class})
final class HeartbeatCommand {

    @Command(
            name = "token",
            mixinStandardHelpOptions = true,
            description = "Print a fresh token for a ping heartbeat, its SHA-256 for the rule, and how to ping.")
    static final class Token implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The heartbeat's name (its rule id).")
        String name;

        @Override
        public void run() {
            String token = HeartbeatTokens.newToken();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("token:       %s%n", token);
            out.printf("tokenSha256: %s%n%n", HeartbeatTokens.sha256(token));
            out.printf("In the rules (the token itself stays with the job):%n");
            out.printf(
                    "  - {kind: heartbeat, id: %s, beat: ping, tokenSha256: %s, interval: 1h, misses: 2}%n%n",
                    name, HeartbeatTokens.sha256(token));
            out.printf("The job pings with:%n");
            out.printf(
                    "  curl -fsS -X POST -H 'Authorization: Bearer %s' http://ALERTBRIDGE:8080%s%s%n",
                    token, HeartbeatPings.PATH, name);
        }
    }
}
