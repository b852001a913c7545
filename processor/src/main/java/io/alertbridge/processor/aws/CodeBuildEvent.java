package io.alertbridge.processor.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.processor.config.NormalizeSlice;
import io.alertbridge.schemas.aws.Arn;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Link;
import io.alertbridge.schemas.model.Severity;

import java.util.List;
import java.util.Locale;

/**
 * CodeBuild build state and phase changes (source {@code aws.codebuild}). FAILED and STOPPED fire, SUCCEEDED
 * resolves, IN_PROGRESS is INFO; phase changes (up to nine per build) are ignored unless configured. Fingerprint:
 * the build project's ARN, so that a later successful build resolves the failed one.
 */
final class CodeBuildEvent {

    static final String STATE = "CodeBuild Build State Change";
    static final String PHASE = "CodeBuild Build Phase Change";

    private CodeBuildEvent() {}

    static boolean handles(String detailType) {
        return STATE.equals(detailType) || PHASE.equals(detailType);
    }

    static Normalized parse(EventEnvelope event, Delivery delivery, NormalizeSlice config) {
        String shape = event.shapeName();
        JsonNode detail = event.detail();
        String project = Fields.requiredText(detail, "project-name", shape);
        boolean phase = PHASE.equals(event.detailType());
        if (phase && !config.codebuildPhaseChanges()) {
            return new Normalized.Ignored("CodeBuild phase change of " + project + " (phase changes ignored)", false);
        }
        String state = phase
                ? Fields.requiredText(detail, "completed-phase", shape) + " "
                        + Fields.requiredText(detail, "completed-phase-status", shape)
                : Fields.requiredText(detail, "build-status", shape);
        AlertStatus status = phase ? AlertStatus.INFO : status(state);
        String buildId = Fields.text(detail, "build-id", shape);
        Arn buildArn = Arn.parse(buildId).toOptional().orElse(event.firstResource());
        String region = buildArn != null && buildArn.region() != null ? buildArn.region() : event.regionCode();
        String account = event.accountId();
        AlertBuilder alert = new AlertBuilder()
                .eventId(delivery.eventId(event.id(), event.text()))
                .fingerprint(fingerprint(buildArn, region, account, project))
                .source("codebuild")
                .status(status, severity(state, status, config))
                .title("Build of " + project + " " + state.toLowerCase(Locale.ROOT))
                .occurredAt(event.time())
                .label("account", account)
                .label("region", region)
                .label("service", "codebuild")
                .label("project", project)
                .label("resource", project)
                .annotation("state", state)
                .annotation("buildId", buildId)
                .annotation("currentPhase", Fields.text(detail, "current-phase", shape));
        links(Fields.object(detail, "additional-information", shape), alert, shape);
        if (region != null && account != null && buildArn != null) {
            String build = buildArn.resource().startsWith("build/")
                    ? buildArn.resource().substring("build/".length())
                    : buildArn.resourceName();
            alert.link(ConsoleLinks.build(buildArn.partition(), region, account, project, build));
        }
        return new Normalized.Events(List.of(alert.build()), shape + " (" + state + ")");
    }

    /** The project's ARN: a later build of the same project resolves a failed one. */
    private static String fingerprint(Arn buildArn, String region, String account, String project) {
        if (region == null || account == null) {
            return "codebuild-project:" + project;
        }
        String partition = buildArn == null ? "aws" : buildArn.partition();
        return "arn:" + partition + ":codebuild:" + region + ":" + account + ":project/" + project;
    }

    /** Who started the build, and the logs' deep link that the event carries. */
    private static void links(JsonNode info, AlertBuilder alert, String shape) {
        if (info == null) {
            return;
        }
        alert.annotation("initiator", Fields.text(info, "initiator", shape))
                .annotation("buildStartTime", Fields.text(info, "build-start-time", shape));
        JsonNode logs = Fields.object(info, "logs", shape);
        String deepLink = logs == null ? null : Fields.text(logs, "deep-link", shape);
        if (deepLink != null && deepLink.startsWith("https://")) {
            alert.link(new Link("Build logs", deepLink));
        }
    }

    private static AlertStatus status(String buildStatus) {
        return switch (buildStatus) {
            case "FAILED", "STOPPED", "FAULT", "TIMED_OUT" -> AlertStatus.FIRING;
            case "SUCCEEDED" -> AlertStatus.RESOLVED;
            default -> AlertStatus.INFO;
        };
    }

    private static Severity severity(String state, AlertStatus status, NormalizeSlice config) {
        if (status == AlertStatus.INFO) {
            return Severity.INFO;
        }
        return "STOPPED".equals(state) ? Severity.WARNING : config.alarmSeverity();
    }
}
