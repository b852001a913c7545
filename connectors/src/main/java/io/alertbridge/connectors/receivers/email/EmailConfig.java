package io.alertbridge.connectors.receivers.email;

import io.alertbridge.connectors.receivers.DeliverySettings;
import io.alertbridge.connectors.receivers.ReceiverId;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One e-mail receiver ({@code receivers.email.<name>:} in the configuration).
 *
 * @param host the SMTP server
 * @param port its port (default 587, submission with STARTTLS)
 * @param username the SMTP login, or null for none
 * @param password its password; a literal or a secret reference ({@code secretsmanager:}, {@code ssm:})
 * @param from the sender address
 * @param to the recipients
 * @param startTls whether to upgrade the connection with STARTTLS (default true)
 * @param startTlsRequired whether a server without STARTTLS is refused (default true: never send in clear text)
 * @param timeout connect, read and write time-out of one SMTP conversation (default 30 s)
 * @param initialBackoff first wait before a retry (default 1 s)
 * @param maxBackoff longest wait between retries (default 5 min)
 * @param giveUpAfter how long one mail is retried before it goes to the dead-letter topic (default 24 h)
 * @param groupId the consumer group (default {@code alertbridge-receiver-email-<name>})
 */
public record EmailConfig(
        String host,
        Integer port,
        String username,
        String password,
        String from,
        List<String> to,
        Boolean startTls,
        Boolean startTlsRequired,
        Duration timeout,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration giveUpAfter,
        String groupId) {

    public EmailConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host: the SMTP server");
        }
        if (!isAddress(from)) {
            throw new IllegalArgumentException("from: a sender address");
        }
        if (to == null || to.isEmpty() || !to.stream().allMatch(EmailConfig::isAddress)) {
            throw new IllegalArgumentException("to: one or more recipient addresses");
        }
        to = List.copyOf(to);
        port = port != null ? port : 587;
        startTls = startTls != null ? startTls : Boolean.TRUE;
        startTlsRequired = startTlsRequired != null ? startTlsRequired : startTls;
        timeout = orDefault(timeout, Duration.ofSeconds(30));
        initialBackoff = orDefault(initialBackoff, Duration.ofSeconds(1));
        maxBackoff = orDefault(maxBackoff, Duration.ofMinutes(5));
        giveUpAfter = orDefault(giveUpAfter, Duration.ofHours(24));
    }

    private static Duration orDefault(Duration value, Duration otherwise) {
        return value != null ? value : otherwise;
    }

    /** An address on one line (a CR or LF would let it add headers). */
    private static boolean isAddress(String address) {
        return address != null && address.contains("@") && address.chars().noneMatch(Character::isISOControl);
    }

    /** A receiver through {@code host:port} from {@code from} to {@code to}, STARTTLS as given, no login. */
    public static EmailConfig of(String host, int port, String from, List<String> to, boolean startTlsRequired) {
        return new EmailConfig(host, port, null, null, from, to, true, startTlsRequired, null, null, null, null, null);
    }

    /** How the receiver named {@code name} delivers. */
    public DeliverySettings delivery(String name) {
        String group = groupId != null ? groupId : new ReceiverId(ReceiverId.Kind.EMAIL, name).defaultGroupId();
        return new DeliverySettings(group, timeout, initialBackoff, maxBackoff, giveUpAfter);
    }

    /** The same with its password read. */
    public EmailConfig withPassword(UnaryOperator<String> read) {
        return new EmailConfig(
                host,
                port,
                username,
                password == null ? null : read.apply(password),
                from,
                to,
                startTls,
                startTlsRequired,
                timeout,
                initialBackoff,
                maxBackoff,
                giveUpAfter,
                groupId);
    }

    /** The same with other retry timings and group (tests). */
    public EmailConfig withRetries(Duration initial, Duration max, Duration giveUp, String group) {
        return new EmailConfig(
                host,
                port,
                username,
                password,
                from,
                to,
                startTls,
                startTlsRequired,
                timeout,
                initial,
                max,
                giveUp,
                group);
    }

    @Override
    public String toString() {
        return "EmailConfig[host=" + host + ", port=" + port + ", from=" + from + ", to=" + to + ", startTls="
                + startTls + "]";
    }
}
