package io.alertbridge.processor.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.schemas.aws.Arn;

import java.time.Instant;
import java.util.List;

/**
 * The EventBridge envelope, in the emitted shape ({@code detail-type}, with {@code id} and {@code version}) and in
 * the CodeStar-notification "processed" shape ({@code detailType}, no {@code id}, plus
 * {@code notificationRuleArn} and {@code additionalAttributes}).
 *
 * @param id the event id, or null in the processed shape
 * @param detailType e.g. {@code CloudWatch Alarm State Change}
 * @param source e.g. {@code aws.cloudwatch}
 * @param account the account, or null
 * @param time when the event happened
 * @param region the event's region code, or null
 * @param resources ARNs of the resources involved
 * @param firstResource the first of them that parses as an ARN, or null
 * @param detail the service-specific detail
 * @param node the whole event, for shape-specific extras
 * @param text the event's JSON text, for content hashes
 */
record EventEnvelope(
        String id,
        String detailType,
        String source,
        String account,
        Instant time,
        String region,
        List<String> resources,
        Arn firstResource,
        JsonNode detail,
        JsonNode node,
        String text) {

    static final String SHAPE = "EventBridge event";

    /** True when the JSON looks like an EventBridge event of either shape. */
    static boolean matches(JsonNode node) {
        return node.has("source") && (node.has("detail-type") || node.has("detailType")) && node.has("detail");
    }

    static EventEnvelope parse(JsonNode node, String text) {
        String detailType = Fields.text(node, "detail-type", SHAPE);
        if (detailType == null) {
            detailType = Fields.requiredText(node, "detailType", SHAPE);
        }
        String region = Fields.text(node, "region", SHAPE);
        String account = Fields.scalar(node, "account", SHAPE);
        List<String> resources = Fields.texts(node, "resources", SHAPE);
        return new EventEnvelope(
                Fields.text(node, "id", SHAPE),
                detailType,
                Fields.requiredText(node, "source", SHAPE),
                Arn.isAccountId(account) ? account : null,
                Fields.requiredTime(node, "time", SHAPE),
                Arn.isRegionCode(region) ? region : null,
                resources,
                firstArn(resources),
                Fields.requiredObject(node, "detail", SHAPE),
                node,
                text);
    }

    /** True for the CodeStar-notification shape. */
    boolean processed() {
        return node.has("detailType") && !node.has("detail-type");
    }

    /** The first resource ARN, if any parses; once per event, since region, account and partition all ask. */
    private static Arn firstArn(List<String> resources) {
        for (String resource : resources) {
            Arn arn = Arn.parse(resource).toOptional().orElse(null);
            if (arn != null) {
                return arn;
            }
        }
        return null;
    }

    /** The region: the resource ARN's first (the resource lives there), else the event's own field. */
    String regionCode() {
        Arn arn = firstResource();
        return arn != null && arn.region() != null ? arn.region() : region;
    }

    /** The account: the event's own field, else the resource ARN's. */
    String accountId() {
        if (account != null) {
            return account;
        }
        Arn arn = firstResource();
        return arn == null ? null : arn.account();
    }

    /** The partition of the resource ARN, {@code aws} by default. */
    String partition() {
        Arn arn = firstResource();
        return arn == null ? "aws" : arn.partition();
    }

    /** The service name from the source: {@code ec2} of {@code aws.ec2}. */
    String service() {
        return source.startsWith("aws.") ? source.substring(4) : source;
    }

    /** Where this event's shape is named in reasons. */
    String shapeName() {
        return "EventBridge " + detailType + (processed() ? " (CodeStar notification)" : "");
    }
}
