/**
 * Incident channels: {@link io.alertbridge.connectors.slack.channels.IncidentChannelManager} creates a private
 * channel per incident when the route asks for one, invites and removes responders, and archives it a configured
 * time after the incident resolved. It implements the sink's {@code IncidentChannels}, so the sink does not depend
 * on this package.
 */
package io.alertbridge.connectors.slack.channels;
