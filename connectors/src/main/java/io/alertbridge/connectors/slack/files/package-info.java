/**
 * Files in Slack: {@link io.alertbridge.connectors.slack.files.SlackFileUploader} uploads an image (a graph) with
 * Slack's current flow ({@code files.getUploadURLExternal}, the bytes to the upload URL,
 * {@code files.completeUploadExternal}) so an image block can show it through {@code slack_file}, and deletes the
 * file it replaces. Failures come back classified ({@link io.alertbridge.connectors.slack.files.UploadResult}),
 * never thrown, so a failed upload never holds up a message's text.
 */
package io.alertbridge.connectors.slack.files;
