/**
 * Text from outside made safe for places that interpret it: {@link io.alertbridge.schemas.text.LogText} for log
 * lines (escaped control and format characters, bounded length). Slack's mrkdwn has its own escaper in the
 * connectors module.
 */
package io.alertbridge.schemas.text;
