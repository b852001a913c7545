package io.alertbridge.launcher.dev;

import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.devkit.slack.SlackMessage;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/**
 * The end of the demo as the page shows it. Kept out of {@code DevCommand}: the command line reflects on every
 * command's methods at start, and a method that names a devkit type there would stop the server jar, which has no
 * devkit, from starting at all.
 */
public final class DemoReport {

    private DemoReport() {}

    /**
     * Waits until the demo's incidents are on the page, all of them resolved and nothing changed for 10 s (edits
     * trail the scenario by the group wait and the Slack pace), then prints how many.
     *
     * @throws IllegalStateException when that does not happen within {@code timeout}
     */
    public static void awaitAllResolved(LocalSlackWorkspace slack, PrintWriter out, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String channel = "#alerts";
        String lastSeen = "";
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            List<SlackMessage> messages = slack.messages(channel).stream()
                    .filter(m -> "alertbridge_incident".equals(m.eventType()))
                    .toList();
            long resolved = messages.stream()
                    .filter(m -> String.valueOf(m.text()).contains("RESOLVED"))
                    .count();
            String now =
                    messages.stream().map(m -> m.ts() + m.editedTs()).toList().toString();
            stableSince = now.equals(lastSeen) ? stableSince : System.nanoTime();
            lastSeen = now;
            boolean settled =
                    System.nanoTime() - stableSince > Duration.ofSeconds(10).toNanos();
            if (!messages.isEmpty() && resolved == messages.size() && settled) {
                List<SlackMessage> all = slack.messages(channel);
                out.printf(
                        "demo: %d incident messages in %s, %d resolved; %d messages in all: %s%n",
                        messages.size(),
                        channel,
                        resolved,
                        all.size(),
                        all.stream().map(SlackMessage::text).toList());
                out.flush();
                return;
            }
            Thread.sleep(500); // CHECKSTYLE:OK waiting for the demo to play out
        }
        throw new IllegalStateException("the demo did not end with every incident resolved in " + channel + ": "
                + slack.messages(channel).size() + " messages");
    }
}
