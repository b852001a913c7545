package io.alertbridge.processor.aws;

import io.alertbridge.schemas.model.Link;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Links into the AWS console for what an alert is about. Every link needs a real region code; callers skip the
 * link when the region is unknown rather than guess one.
 */
final class ConsoleLinks {

    private ConsoleLinks() {}

    static Link alarm(String partition, String region, String alarmName) {
        return new Link(
                "CloudWatch alarm",
                base(partition, region) + "/cloudwatch/home?region=" + region + "#alarmsV2:alarm/" + encode(alarmName));
    }

    static Link pipeline(String partition, String region, String pipeline) {
        return new Link(
                "CodePipeline pipeline",
                base(partition, region) + "/codesuite/codepipeline/pipelines/" + encode(pipeline) + "/view?region="
                        + region);
    }

    static Link pipelineExecution(String partition, String region, String pipeline, String executionId) {
        return new Link(
                "Pipeline execution",
                base(partition, region) + "/codesuite/codepipeline/pipelines/" + encode(pipeline) + "/executions/"
                        + encode(executionId) + "/timeline?region=" + region);
    }

    static Link build(String partition, String region, String account, String project, String buildId) {
        return new Link(
                "CodeBuild build",
                base(partition, region) + "/codesuite/codebuild/" + account + "/projects/" + encode(project) + "/build/"
                        + encode(buildId) + "/?region=" + region);
    }

    static Link cloudTrailEvent(String partition, String region, String eventId) {
        return new Link(
                "CloudTrail event",
                base(partition, region) + "/cloudtrailv2/home?region=" + region + "#/events/" + encode(eventId));
    }

    static Link s3Object(String region, String bucket, String key) {
        return new Link(
                "S3 object",
                "https://s3.console.aws.amazon.com/s3/object/" + encode(bucket) + "?region=" + region + "&prefix="
                        + encode(key));
    }

    static Link healthEvent(String eventArn) {
        return new Link(
                "AWS Health event",
                "https://health.aws.amazon.com/health/home#/account/event-log?eventID=" + encode(eventArn)
                        + "&eventTab=details");
    }

    private static String base(String partition, String region) {
        return switch (partition == null ? "aws" : partition) {
            case "aws-cn" -> "https://" + region + ".console.amazonaws.cn";
            case "aws-us-gov" -> "https://" + region + ".console.amazonaws-us-gov.com";
            default -> "https://" + region + ".console.aws.amazon.com";
        };
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
