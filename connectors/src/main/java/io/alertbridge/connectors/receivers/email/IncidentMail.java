package io.alertbridge.connectors.receivers.email;

import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.TimelineEntry;

import java.util.Locale;

/**
 * What one incident mail says, as plain text and as HTML, and its thread headers. Every text from alarms is
 * hostile: in HTML it is escaped ({@link #escape(String)}); in the subject, control characters (CR, LF: header
 * injection) are replaced and the length bounded ({@link #subject(Incident)}). Pure functions.
 */
public final class IncidentMail {

    private static final int MAX_SUBJECT = 200;
    private static final int MAX_MEMBERS = 25;

    private IncidentMail() {}

    /** {@code [Alertbridge] RESOLVED CRITICAL INC-7F3A: title}, one line, bounded. */
    public static String subject(Incident incident) {
        String raw = "[Alertbridge] " + incident.state() + " " + incident.severity() + " " + incident.incidentId()
                + ": " + incident.title();
        String line = oneLine(raw);
        return line.length() > MAX_SUBJECT ? line.substring(0, MAX_SUBJECT - 1) + "…" : line;
    }

    /** The thread's root {@code Message-ID}: the same for every mail of the incident. */
    public static String threadId(Incident incident) {
        return "<" + token(incident.incidentId()) + "@alertbridge>";
    }

    /** This mail's {@code Message-ID}: unique per version. */
    public static String messageId(Incident incident) {
        return "<" + token(incident.incidentId()) + ".v" + incident.version() + "@alertbridge>";
    }

    /** The plain-text part. */
    public static String text(Incident incident) {
        StringBuilder out = new StringBuilder();
        out.append(incident.incidentId())
                .append(" is ")
                .append(incident.state())
                .append(" (")
                .append(incident.severity())
                .append(")\n");
        out.append(oneLine(incident.title())).append("\n\n");
        latest(incident, out, false);
        out.append("Alerts (").append(incident.alertCount()).append("):\n");
        incident.members().stream().limit(MAX_MEMBERS).forEach(m -> out.append("  - ")
                .append(m.status())
                .append(' ')
                .append(oneLine(m.title() == null ? m.fingerprint() : m.title()))
                .append('\n'));
        incident.groupLabels()
                .forEach((k, v) ->
                        out.append(oneLine(k)).append(": ").append(oneLine(v)).append('\n'));
        return out.toString();
    }

    /** The HTML part, every outside text escaped. */
    public static String html(Incident incident) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html><html><body>");
        out.append("<h2>")
                .append(escape(incident.incidentId()))
                .append(" is ")
                .append(escape(incident.state().name().toLowerCase(Locale.ROOT)))
                .append(" (")
                .append(escape(incident.severity().name()))
                .append(")</h2>");
        out.append("<p><strong>").append(escape(incident.title())).append("</strong></p>");
        StringBuilder latest = new StringBuilder();
        latest(incident, latest, true);
        out.append(latest);
        out.append("<ul>");
        for (IncidentMember m : incident.members().stream().limit(MAX_MEMBERS).toList()) {
            out.append("<li>")
                    .append(escape(m.status().name()))
                    .append(' ')
                    .append(escape(m.title() == null ? m.fingerprint() : m.title()))
                    .append("</li>");
        }
        out.append("</ul><table>");
        incident.groupLabels().forEach((k, v) -> out.append("<tr><th>")
                .append(escape(k))
                .append("</th><td>")
                .append(escape(v))
                .append("</td></tr>"));
        return out.append("</table></body></html>").toString();
    }

    private static void latest(Incident incident, StringBuilder out, boolean asHtml) {
        if (incident.timeline().isEmpty()) {
            return;
        }
        TimelineEntry entry = incident.timeline().get(incident.timeline().size() - 1);
        if (asHtml) {
            out.append("<p>")
                    .append(escape(entry.at().toString()))
                    .append(": ")
                    .append(escape(entry.text()))
                    .append("</p>");
        } else {
            out.append(entry.at()).append(": ").append(oneLine(entry.text())).append("\n\n");
        }
    }

    /** HTML-escaped text (and control characters but newline and tab as spaces). */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(Character.isISOControl(c) && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }

    /** The text on one line: every control character (CR and LF included) becomes a space. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
        return out.toString();
    }

    private static String token(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
