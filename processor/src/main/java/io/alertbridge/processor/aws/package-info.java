/**
 * Pure parsers from what AWS delivers to {@link io.alertbridge.schemas.model.AlertEvent}s: the SNS envelope (raw
 * delivery on or off, SNS-to-Lambda records), CloudWatch alarm messages (metric, metric math, anomaly detection,
 * composite), and EventBridge events (CloudWatch Alarm State Change, CodePipeline and CodeBuild in the emitted and
 * the CodeStar-notification shape, CloudTrail, AWS Health, anything else as a generic event), and what AI detectors
 * publish through SNS or SQS ({@link io.alertbridge.processor.aws.AnomalyMessages}: anomaly scores, handed to the
 * detect stage, and anomaly decisions, rendered as alerts). The entry point is
 * {@link io.alertbridge.processor.aws.AwsMessageNormalizer}; every decision returns a
 * {@link io.alertbridge.processor.aws.Normalized} with its reason. No Kafka here; everything is thread-safe.
 */
package io.alertbridge.processor.aws;
