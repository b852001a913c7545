package io.alertbridge.connectors.receivers.email;

import io.alertbridge.connectors.receivers.Delivered;
import io.alertbridge.connectors.receivers.DeliveryAnswer;
import io.alertbridge.connectors.receivers.Destination;
import io.alertbridge.connectors.receivers.ReceiverId;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.text.LogText;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Mails incident changes over SMTP: one mail when the incident opens (its {@code Message-ID} is the thread's root),
 * one per later state change as a reply in the same thread ({@code In-Reply-To} and {@code References} = the root),
 * each with the incident's whole current state, so updates within one state are batched into the next mail rather
 * than sent one by one. STARTTLS as configured (required by default). SMTP's answers are mapped onto the receiver's
 * classification: a 4xx reply (or no answer) is retried, a 5xx reply (a refused address, a message refused) and a
 * refused login are not.
 *
 * <p>Sends on its own thread (Jakarta Mail blocks); thread-safe.
 */
public final class EmailDestination implements Destination<EmailDestination.Message>, AutoCloseable {

    /**
     * One mail.
     *
     * @param incidentId the incident
     * @param version its version
     * @param mime the message, ready to send
     */
    public record Message(String incidentId, long version, MimeMessage mime) {}

    private final ReceiverId id;
    private final EmailConfig config;
    private final Session session;
    private final ExecutorService sender;

    public EmailDestination(String name, EmailConfig config) {
        this.id = new ReceiverId(ReceiverId.Kind.EMAIL, name);
        this.config = config;
        this.session = Session.getInstance(properties(config));
        this.sender = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "receiver-email-" + name + "-smtp");
            thread.setDaemon(true);
            return thread;
        });
    }

    static Properties properties(EmailConfig config) {
        Properties props = new Properties();
        String timeout = Long.toString(config.timeout().toMillis());
        props.put("mail.transport.protocol", "smtp");
        props.put("mail.smtp.host", config.host());
        props.put("mail.smtp.port", Integer.toString(config.port()));
        props.put("mail.smtp.starttls.enable", config.startTls().toString());
        props.put("mail.smtp.starttls.required", config.startTlsRequired().toString());
        props.put("mail.smtp.auth", Boolean.toString(config.username() != null));
        props.put("mail.smtp.connectiontimeout", timeout);
        props.put("mail.smtp.timeout", timeout);
        props.put("mail.smtp.writetimeout", timeout);
        return props;
    }

    @Override
    public ReceiverId id() {
        return id;
    }

    @Override
    public List<Message> plan(Incident incident, Delivered previous) {
        if (previous != null && previous.state() == incident.state()) {
            return List.of();
        }
        try {
            return List.of(new Message(incident.incidentId(), incident.version(), mime(incident, previous)));
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot build the mail of " + incident.incidentId(), e);
        }
    }

    private MimeMessage mime(Incident incident, Delivered previous) throws MessagingException {
        String root = IncidentMail.threadId(incident);
        boolean first = previous == null && incident.version() <= 1;
        String messageId = first ? root : IncidentMail.messageId(incident);
        MimeMessage mime = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        mime.setFrom(new InternetAddress(config.from(), true));
        for (String to : config.to()) {
            mime.addRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(to, true));
        }
        mime.setSubject(IncidentMail.subject(incident), StandardCharsets.UTF_8.name());
        mime.setSentDate(Date.from(incident.lastSeen()));
        if (!first) {
            mime.setHeader("In-Reply-To", root);
            mime.setHeader("References", root);
        }
        mime.setHeader("X-Alertbridge-Incident", IncidentMail.oneLine(incident.incidentId()));
        mime.setHeader("X-Alertbridge-Version", Long.toString(incident.version()));
        MimeBodyPart text = new MimeBodyPart();
        text.setText(IncidentMail.text(incident), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(IncidentMail.html(incident), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        mime.setContent(alternative);
        mime.saveChanges();
        return mime;
    }

    @Override
    public CompletableFuture<DeliveryAnswer> send(Message message) {
        return CompletableFuture.supplyAsync(() -> deliver(message.mime()), sender);
    }

    private DeliveryAnswer deliver(MimeMessage mime) {
        try {
            if (config.username() != null) {
                Transport.send(mime, config.username(), config.password());
            } else {
                Transport.send(mime);
            }
            return DeliveryAnswer.of(250, null, null);
        } catch (AuthenticationFailedException e) {
            return DeliveryAnswer.of(401, null, "SMTP login refused");
        } catch (SMTPAddressFailedException e) {
            return smtp(e.getReturnCode(), e.getMessage());
        } catch (SMTPSendFailedException e) {
            return smtp(e.getReturnCode(), e.getMessage());
        } catch (MessagingException e) {
            Exception next = e.getNextException();
            if (next instanceof SMTPAddressFailedException failed) {
                return smtp(failed.getReturnCode(), failed.getMessage());
            }
            return DeliveryAnswer.failed(e);
        }
    }

    /** An SMTP reply as a status the classifier knows: 4xx transient → 503 (retried), 5xx permanent → 400. */
    static DeliveryAnswer smtp(int code, String message) {
        String reason = "SMTP " + code + " " + LogText.safe(message, 160);
        if (code >= 400 && code < 500) {
            return DeliveryAnswer.of(503, null, reason);
        }
        return DeliveryAnswer.of(code >= 500 ? 400 : 503, null, reason);
    }

    @Override
    public String describe(Message message) {
        return "mail " + message.incidentId() + " v" + message.version();
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
