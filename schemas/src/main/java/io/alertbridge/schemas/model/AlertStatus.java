package io.alertbridge.schemas.model;

/** What an {@link AlertEvent} says about the thing it describes. */
public enum AlertStatus {
    /** The thing is in trouble (CloudWatch ALARM, pipeline FAILED, anomaly episode started). */
    FIRING,
    /** The thing recovered (CloudWatch OK, pipeline SUCCEEDED, anomaly episode ended). */
    RESOLVED,
    /** A one-shot event that neither fires nor resolves (a CloudTrail object call, a generic EventBridge event). */
    INFO
}
