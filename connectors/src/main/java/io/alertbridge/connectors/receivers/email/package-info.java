/**
 * The e-mail receiver: SMTP with STARTTLS (Jakarta Mail, Eclipse Angus), one thread per incident
 * ({@code Message-ID} / {@code In-Reply-To} / {@code References}), a plain-text and an HTML part
 * ({@link io.alertbridge.connectors.receivers.email.IncidentMail}, every text from alarms escaped, no header
 * injection), a mail per state change with updates within a state batched into the next one.
 */
package io.alertbridge.connectors.receivers.email;
