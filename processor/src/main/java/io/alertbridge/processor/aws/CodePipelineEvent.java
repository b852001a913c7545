package io.alertbridge.processor.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.processor.config.NormalizeSlice;
import io.alertbridge.schemas.aws.Arn;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CodePipeline pipeline, stage and action execution state changes (source {@code aws.codepipeline}), emitted by
 * EventBridge or processed by CodeStar notifications. FAILED fires; SUCCEEDED resolves that pipeline's (stage's,
 * action's) alert; every other state (STARTED, STOPPING, STOPPED, SUPERSEDED, CANCELED, RESUMED) is INFO.
 * Fingerprint: the pipeline ARN, with {@code /stage/<name>} and {@code /action/<name>} for stages and actions.
 */
final class CodePipelineEvent {

    static final String PIPELINE = "CodePipeline Pipeline Execution State Change";
    static final String STAGE = "CodePipeline Stage Execution State Change";
    static final String ACTION = "CodePipeline Action Execution State Change";

    private CodePipelineEvent() {}

    static boolean handles(String detailType) {
        return PIPELINE.equals(detailType) || STAGE.equals(detailType) || ACTION.equals(detailType);
    }

    static Normalized parse(EventEnvelope event, Delivery delivery, NormalizeSlice config) {
        String shape = event.shapeName();
        JsonNode detail = event.detail();
        String pipeline = Fields.requiredText(detail, "pipeline", shape);
        String state = Fields.requiredText(detail, "state", shape);
        String stage = STAGE.equals(event.detailType()) || ACTION.equals(event.detailType())
                ? Fields.requiredText(detail, "stage", shape)
                : null;
        String action = ACTION.equals(event.detailType()) ? Fields.requiredText(detail, "action", shape) : null;
        String executionId = Fields.text(detail, "execution-id", shape);
        String region = event.regionCode();
        String account = event.accountId();
        AlertStatus status = status(state);
        Severity severity = status == AlertStatus.INFO ? Severity.INFO : config.alarmSeverity();
        AlertBuilder alert = new AlertBuilder()
                .eventId(delivery.eventId(event.id(), event.text()))
                .fingerprint(fingerprint(event, pipeline, region, account, stage, action))
                .source("codepipeline")
                .status(status, severity)
                .title(title(pipeline, stage, action, state))
                .occurredAt(event.time())
                .label("account", account)
                .label("region", region)
                .label("service", "codepipeline")
                .label("pipeline", pipeline)
                .label("resource", pipeline)
                .label("stage", stage)
                .label("action", action)
                .annotation("state", state)
                .annotation("executionId", executionId)
                .annotation("stopComments", Fields.text(detail, "stop-execution-comments", shape));
        JsonNode trigger = Fields.object(detail, "execution-trigger", shape);
        if (trigger != null) {
            alert.annotation("trigger", Fields.text(trigger, "trigger-type", shape))
                    .annotation("triggeredBy", Fields.text(trigger, "trigger-detail", shape));
        }
        failures(event.node(), alert, shape);
        if (region != null) {
            alert.link(ConsoleLinks.pipeline(event.partition(), region, pipeline));
            if (executionId != null) {
                alert.link(ConsoleLinks.pipelineExecution(event.partition(), region, pipeline, executionId));
            }
        }
        return new Normalized.Events(List.of(alert.build()), shape + " (" + state + ")");
    }

    private static AlertStatus status(String state) {
        return switch (state) {
            case "FAILED" -> AlertStatus.FIRING;
            case "SUCCEEDED" -> AlertStatus.RESOLVED;
            default -> AlertStatus.INFO;
        };
    }

    private static String fingerprint(
            EventEnvelope event, String pipeline, String region, String account, String stage, String action) {
        Arn arn = event.firstResource();
        String base;
        if (arn != null && "codepipeline".equals(arn.service())) {
            base = arn.text();
        } else if (region != null && account != null) {
            base = "arn:aws:codepipeline:" + region + ":" + account + ":" + pipeline;
        } else {
            base = "codepipeline:" + pipeline;
        }
        StringBuilder fingerprint = new StringBuilder(base);
        if (stage != null) {
            fingerprint.append("/stage/").append(stage);
        }
        if (action != null) {
            fingerprint.append("/action/").append(action);
        }
        return fingerprint.toString();
    }

    private static String title(String pipeline, String stage, String action, String state) {
        String what = action != null
                ? "Action " + action + " of stage " + stage + " of pipeline " + pipeline
                : stage != null ? "Stage " + stage + " of pipeline " + pipeline : "Pipeline " + pipeline;
        return what + " " + state.toLowerCase(Locale.ROOT);
    }

    /** The processed shape says what failed in {@code additionalAttributes}. */
    private static void failures(JsonNode event, AlertBuilder alert, String shape) {
        JsonNode extra = Fields.object(event, "additionalAttributes", shape);
        if (extra == null) {
            return;
        }
        alert.annotation("failedStage", Fields.text(extra, "failedStage", shape));
        List<String> actions = new ArrayList<>();
        for (JsonNode failed : Fields.array(extra, "failedActions", shape + " additionalAttributes")) {
            String info = Fields.text(failed, "additionalInformation", shape);
            actions.add(Fields.text(failed, "action", shape) + (info == null ? "" : ": " + info));
        }
        alert.annotation("failedActions", String.join("; ", actions));
    }
}
