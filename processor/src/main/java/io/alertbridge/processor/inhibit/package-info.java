/**
 * Inhibition: while a source alert fires, the targets an inhibition rule (or a CloudWatch composite alarm's actions
 * suppressor) ties to it are recorded and never notified; when the sources resolve, the targets that still fire are
 * released. {@link io.alertbridge.processor.inhibit.Inhibition} decides, on plain records; the topology's
 * {@code InhibitStage} applies its decisions around a state store.
 */
package io.alertbridge.processor.inhibit;
