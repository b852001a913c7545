/**
 * AWS identifiers as the rest of Alertbridge reads them: {@link io.alertbridge.schemas.aws.Arn} is the one parser of
 * Amazon Resource Names, shared by the processor (fingerprints, regions, accounts) and the Slack sink (console links,
 * labels), so the two can never disagree about what an ARN says.
 */
package io.alertbridge.schemas.aws;
