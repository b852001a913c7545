package io.alertbridge.processor.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.schemas.aws.Arn;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Severity;

import java.util.List;
import java.util.Set;

/**
 * A CloudTrail record: bare (as in a trail's log file) or as the {@code detail} of EventBridge's
 * {@code AWS API Call via CloudTrail}. S3 object-level calls (PutObject, DeleteObject, ..., on S3 and S3 on
 * Outposts) become INFO events with bucket, key, principal and source IP; any other call a generic INFO event. A
 * call that failed ({@code errorCode}, e.g. AccessDenied) is a WARNING. Event id: CloudTrail's {@code eventID};
 * occurredAt: {@code eventTime}; fingerprint: the object's ARN (else the call and its principal).
 */
final class CloudTrailRecord {

    static final String SHAPE = "CloudTrail record";
    static final String DETAIL_TYPE = "AWS API Call via CloudTrail";

    private static final Set<String> S3_SOURCES = Set.of("s3.amazonaws.com", "s3-outposts.amazonaws.com");

    private CloudTrailRecord() {}

    /** True when the JSON looks like a bare CloudTrail record. */
    static boolean matches(JsonNode node) {
        return node.has("eventID") && node.has("eventSource") && node.has("eventName");
    }

    /**
     * Parses a record.
     *
     * @param record the CloudTrail record
     * @param fallbackEventId the EventBridge id when the record arrived in an event, else null
     * @param text the message text, for a content hash when the record has no id
     * @param delivery the delivery around it
     */
    static Normalized parse(JsonNode record, String fallbackEventId, String text, Delivery delivery) {
        String eventName = Fields.requiredText(record, "eventName", SHAPE);
        String eventSource = Fields.requiredText(record, "eventSource", SHAPE);
        String eventId = Fields.text(record, "eventID", SHAPE);
        JsonNode identity = Fields.object(record, "userIdentity", SHAPE);
        String principal = identity == null
                ? null
                : firstNonNull(Fields.text(identity, "arn", SHAPE), Fields.text(identity, "principalId", SHAPE));
        String errorCode = Fields.text(record, "errorCode", SHAPE);
        Resource resource = resource(record);
        String region = resource.arn != null && resource.arn.region() != null
                ? resource.arn.region()
                : regionCode(Fields.text(record, "awsRegion", SHAPE));
        String account = account(record, identity);
        boolean s3 = S3_SOURCES.contains(eventSource) && resource.key != null;
        String service = eventSource.replace(".amazonaws.com", "");
        AlertBuilder alert = new AlertBuilder()
                .eventId(delivery.eventId(eventId != null ? eventId : fallbackEventId, text))
                .fingerprint(fingerprint(resource, eventSource, eventName, principal))
                .source("cloudtrail")
                .status(AlertStatus.INFO, errorCode == null ? Severity.INFO : Severity.WARNING)
                .title(title(eventName, resource, s3, errorCode))
                .occurredAt(Fields.requiredTime(record, "eventTime", SHAPE))
                .label("account", account)
                .label("region", region)
                .label("service", service)
                .label("event_name", eventName)
                .label("bucket", resource.bucket)
                .label("key", resource.key)
                .label("resource", resource.key != null ? resource.bucket + "/" + resource.key : resource.bucket)
                .label("principal", principal)
                .label("source_ip", Fields.text(record, "sourceIPAddress", SHAPE))
                .annotation("userAgent", Fields.text(record, "userAgent", SHAPE))
                .annotation("errorCode", errorCode)
                .annotation("errorMessage", Fields.text(record, "errorMessage", SHAPE));
        if (region != null && eventId != null) {
            alert.link(ConsoleLinks.cloudTrailEvent(
                    resource.arn == null ? "aws" : resource.arn.partition(), region, eventId));
        }
        if (s3 && region != null && "s3.amazonaws.com".equals(eventSource)) {
            alert.link(ConsoleLinks.s3Object(region, resource.bucket, resource.key));
        }
        return new Normalized.Events(List.of(alert.build()), SHAPE + " (" + eventSource + " " + eventName + ")");
    }

    /** The object a call is about: from {@code resources} (ARNs) and {@code requestParameters}. */
    private static Resource resource(JsonNode record) {
        Arn objectArn = null;
        Arn anyArn = null;
        for (JsonNode resource : Fields.array(record, "resources", SHAPE)) {
            Arn arn = Arn.parse(Fields.text(resource, "ARN", SHAPE + " resources"))
                    .toOptional()
                    .orElse(null);
            String type = Fields.text(resource, "type", SHAPE + " resources");
            if (arn != null && anyArn == null) {
                anyArn = arn;
            }
            if (arn != null && type != null && type.endsWith("::Object")) {
                objectArn = arn;
            }
        }
        JsonNode request = Fields.object(record, "requestParameters", SHAPE);
        String bucket = request == null ? null : Fields.text(request, "bucketName", SHAPE + " requestParameters");
        String key = request == null
                ? null
                : firstNonNull(
                        Fields.text(request, "key", SHAPE + " requestParameters"),
                        Fields.text(request, "Key", SHAPE + " requestParameters"));
        return new Resource(objectArn != null ? objectArn : anyArn, bucket, key);
    }

    private static String fingerprint(Resource resource, String eventSource, String eventName, String principal) {
        if (resource.arn != null) {
            return resource.arn.text();
        }
        if (resource.bucket != null && resource.key != null) {
            return "arn:aws:s3:::" + resource.bucket + "/" + resource.key;
        }
        return "cloudtrail:" + eventSource + ":" + eventName + ":" + (principal == null ? "unknown" : principal);
    }

    private static String title(String eventName, Resource resource, boolean s3, String errorCode) {
        String title = s3 ? eventName + " s3://" + resource.bucket + "/" + resource.key : eventName;
        return errorCode == null ? title : title + " (" + errorCode + ")";
    }

    private static String account(JsonNode record, JsonNode identity) {
        String recipient = Fields.scalar(record, "recipientAccountId", SHAPE);
        if (Arn.isAccountId(recipient)) {
            return recipient;
        }
        String own = identity == null ? null : Fields.scalar(identity, "accountId", SHAPE);
        return Arn.isAccountId(own) ? own : null;
    }

    private static String regionCode(String text) {
        return Arn.isRegionCode(text) ? text : null;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    private record Resource(Arn arn, String bucket, String key) {}
}
