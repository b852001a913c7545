/**
 * Where the Slack sink is put together: {@link io.alertbridge.connectors.slack.assembly.SlackSinkAssembler} builds
 * the object graph of the live sink and of replay posting from the other packages, so none of them needs to know
 * how the others are built.
 */
package io.alertbridge.connectors.slack.assembly;
