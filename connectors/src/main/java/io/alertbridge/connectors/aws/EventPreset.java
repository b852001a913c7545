package io.alertbridge.connectors.aws;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The EventBridge sources {@code aws connect --events} can route to the queue, each one rule on the default bus
 * whose event pattern matches what the processor's normalize stage recognises.
 */
public enum EventPreset {
    CLOUDWATCH_ALARMS("cloudwatch-alarms", "aws.cloudwatch", "CloudWatch Alarm State Change"),
    CODEPIPELINE("codepipeline", "aws.codepipeline", "CodePipeline Pipeline Execution State Change"),
    CODEBUILD("codebuild", "aws.codebuild", "CodeBuild Build State Change"),
    HEALTH("health", "aws.health", "AWS Health Event"),
    CLOUDTRAIL_S3("cloudtrail-s3", "aws.s3", "AWS API Call via CloudTrail");

    private final String id;
    private final String source;
    private final String detailType;

    EventPreset(String id, String source, String detailType) {
        this.id = id;
        this.source = source;
        this.detailType = detailType;
    }

    /** The name on the command line, e.g. {@code cloudwatch-alarms}. */
    public String id() {
        return id;
    }

    /** The rule's event pattern, as compact JSON. */
    public String pattern() {
        return "{\"source\":[\"" + source + "\"],\"detail-type\":[\"" + detailType + "\"]}";
    }

    /** The preset named {@code text} (case-insensitive), or empty. */
    public static Optional<EventPreset> byId(String text) {
        String wanted = text == null ? "" : text.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(wanted)).findFirst();
    }

    /** Every preset name, comma-separated, for error messages and help. */
    public static String ids() {
        return Arrays.stream(values()).map(EventPreset::id).collect(Collectors.joining(", "));
    }
}
