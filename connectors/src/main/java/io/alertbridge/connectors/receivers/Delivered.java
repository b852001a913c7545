package io.alertbridge.connectors.receivers;

import io.alertbridge.schemas.model.IncidentState;

/**
 * What a receiver last carried out for one incident: the version and the state it left the destination in.
 *
 * @param version the incident's version last delivered (or deliberately not sent)
 * @param state the incident's state at that version
 */
public record Delivered(long version, IncidentState state) {}
