package io.alertbridge.connectors.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.schemas.serde.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Desired against observed: the ordered steps that make the observed state the desired one, each with its reason,
 * and what is already in place. A pure function ({@link #of}); the order is the order AWS needs (the dead-letter
 * queue before the redrive policy naming it, the queue and its policy before the subscriptions and targets that
 * deliver into it). A plan with no steps means a second run changes nothing.
 *
 * @param steps what to do, in order
 * @param inPlace what already is as desired, one line per resource
 * @param notes what no step can change from here (a subscription its topic's owner must confirm)
 * @param errors why nothing may be done (a topic that does not exist), each naming the resource; steps are empty then
 */
public record ConnectPlan(List<Step> steps, List<String> inPlace, List<String> notes, List<String> errors) {

    /** What a step does. */
    public enum Action {
        CREATE_QUEUE,
        SET_QUEUE_ATTRIBUTES,
        SUBSCRIBE,
        SET_RAW_DELIVERY,
        PUT_RULE,
        PUT_TARGET
    }

    /**
     * One change.
     *
     * @param action what it does
     * @param resource the queue name, topic ARN or rule name it acts on
     * @param reason why, in plain words
     * @param values what it sets: queue attributes, {@code RawMessageDelivery}, or a rule's {@code pattern} and
     *     {@code target}
     * @param subscriptionArn the subscription acted on, for {@link Action#SET_RAW_DELIVERY}; else null
     */
    public record Step(
            Action action, String resource, String reason, Map<String, String> values, String subscriptionArn) {

        /** One line of the report, e.g. {@code create queue alerts: it does not exist}. */
        public String describe() {
            String what =
                    switch (action) {
                        case CREATE_QUEUE -> "create queue " + resource;
                        case SET_QUEUE_ATTRIBUTES ->
                            "set " + String.join(", ", values.keySet()) + " on queue " + resource;
                        case SUBSCRIBE -> "subscribe the queue to topic " + resource;
                        case SET_RAW_DELIVERY ->
                            "set RawMessageDelivery=" + values.get("RawMessageDelivery")
                                    + " on the subscription of topic " + resource;
                        case PUT_RULE -> "put rule " + resource;
                        case PUT_TARGET -> "point rule " + resource + " at the queue";
                    };
            return what + ": " + reason;
        }
    }

    /** True when nothing needs to change. */
    public boolean isNoChange() {
        return steps.isEmpty() && errors.isEmpty();
    }

    /** The plan for {@code desired} given {@code observed}. Pure; never calls AWS. */
    public static ConnectPlan of(DesiredState desired, ObservedState observed) {
        List<String> errors = new ArrayList<>();
        for (String topic : desired.topicArns()) {
            ObservedState.Topic seen = observed.topics().get(topic);
            if (seen == null || !seen.exists()) {
                errors.add("topic " + topic + " does not exist (or this account may not read it): create it, or"
                        + " correct the ARN");
            }
        }
        if (!errors.isEmpty()) {
            return new ConnectPlan(List.of(), List.of(), List.of(), List.copyOf(errors));
        }
        List<Step> steps = new ArrayList<>();
        List<String> inPlace = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        planQueue(desired.dlqName(), desired.dlqAttributes(), observed.dlq(), steps, inPlace);
        planQueue(desired.queueName(), desired.queueAttributes(), observed.queue(), steps, inPlace);
        String raw = Boolean.toString(desired.rawDelivery());
        for (String topic : desired.topicArns()) {
            List<ObservedState.Subscription> subscriptions =
                    observed.topics().get(topic).subscriptions();
            if (subscriptions.isEmpty()) {
                steps.add(new Step(
                        Action.SUBSCRIBE,
                        topic,
                        "the topic has no subscription to the queue",
                        Map.of("RawMessageDelivery", raw),
                        null));
                continue;
            }
            for (ObservedState.Subscription subscription : subscriptions) {
                if (subscription.pending()) {
                    notes.add("subscription of topic " + topic + " is pending confirmation (a topic in another"
                            + " account: its owner must confirm it)");
                } else if (subscription.raw() != desired.rawDelivery()) {
                    steps.add(new Step(
                            Action.SET_RAW_DELIVERY,
                            topic,
                            "raw delivery is " + onOff(subscription.raw()) + ", asked " + onOff(desired.rawDelivery()),
                            Map.of("RawMessageDelivery", raw),
                            subscription.arn()));
                } else {
                    inPlace.add("subscription of topic " + topic + " is in place (raw delivery "
                            + onOff(subscription.raw()) + ")");
                }
            }
        }
        for (EventPreset preset : desired.presets()) {
            planRule(desired, preset, observed.rules().get(desired.ruleName(preset)), steps, inPlace);
        }
        return new ConnectPlan(List.copyOf(steps), List.copyOf(inPlace), List.copyOf(notes), List.of());
    }

    private static void planQueue(
            String name,
            Map<String, String> wanted,
            Optional<ObservedState.Queue> seen,
            List<Step> steps,
            List<String> inPlace) {
        if (seen.isEmpty()) {
            steps.add(new Step(Action.CREATE_QUEUE, name, "it does not exist", wanted, null));
            return;
        }
        Map<String, String> differing = new LinkedHashMap<>();
        wanted.forEach((key, value) -> {
            if (!sameAttribute(key, value, seen.get().attributes().get(key))) {
                differing.put(key, value);
            }
        });
        if (differing.isEmpty()) {
            inPlace.add("queue " + name + " is in place (SSE on, 14 days retention"
                    + (wanted.containsKey("RedrivePolicy") ? ", dead-letter queue, policy)" : ")"));
        } else {
            steps.add(new Step(
                    Action.SET_QUEUE_ATTRIBUTES,
                    name,
                    "they differ from what the bridge needs",
                    java.util.Collections.unmodifiableMap(differing),
                    null));
        }
    }

    private static void planRule(
            DesiredState desired, EventPreset preset, ObservedState.Rule seen, List<Step> steps, List<String> inPlace) {
        String name = desired.ruleName(preset);
        Map<String, String> values = Map.of("pattern", preset.pattern(), "target", desired.queueArn());
        boolean ruleOk = seen != null && seen.enabled() && sameJson(preset.pattern(), seen.pattern());
        if (!ruleOk) {
            String reason;
            if (seen == null) {
                reason = "it does not exist";
            } else if (!seen.enabled()) {
                reason = "it is disabled";
            } else {
                reason = "its event pattern differs from preset " + preset.id();
            }
            steps.add(new Step(Action.PUT_RULE, name, reason, values, null));
        }
        boolean targetOk = seen != null && seen.targetArns().contains(desired.queueArn());
        if (!targetOk) {
            steps.add(new Step(
                    Action.PUT_TARGET,
                    name,
                    seen == null || seen.targetArns().isEmpty()
                            ? "it has no target"
                            : "it targets " + String.join(", ", seen.targetArns()) + ", not the queue",
                    values,
                    null));
        }
        if (ruleOk && targetOk) {
            inPlace.add("rule " + name + " is in place (enabled, targets the queue)");
        }
    }

    private static boolean sameAttribute(String key, String wanted, String seen) {
        if (seen == null) {
            return false;
        }
        if ("Policy".equals(key)) {
            return QueuePolicy.sameJson(wanted, seen);
        }
        if ("RedrivePolicy".equals(key)) {
            JsonNode a = parse(wanted);
            JsonNode b = parse(seen);
            return a != null
                    && b != null
                    && a.path("deadLetterTargetArn")
                            .asText()
                            .equals(b.path("deadLetterTargetArn").asText())
                    && a.path("maxReceiveCount")
                            .asText()
                            .equals(b.path("maxReceiveCount").asText());
        }
        return Objects.equals(wanted, seen);
    }

    static boolean sameJson(String a, String b) {
        JsonNode left = parse(a);
        return left != null && left.equals(parse(b));
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            return null;
        }
    }

    static String onOff(boolean value) {
        return value ? "on" : "off";
    }
}
