package io.alertbridge.connectors.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.schemas.serde.Json;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The queue policy of a connected queue, built and read as pure functions.
 *
 * <p>{@link #build} writes one statement per source ARN: {@code sqs:SendMessage} on the queue, allowed to the
 * service principal {@code sns.amazonaws.com} for a topic or {@code events.amazonaws.com} for a rule, under the
 * condition {@code ArnEquals aws:SourceArn} naming that one source. Nothing wider: no wildcard principal, no
 * statement without a source condition. ARNs are sorted, so the same sources always give the same text.
 *
 * <p>{@link #read} does the reverse for {@code aws check}: which sources a policy admits, and which statements admit
 * more than named sources.
 */
public final class QueuePolicy {

    /** The principal SNS delivers as. */
    public static final String SNS_PRINCIPAL = "sns.amazonaws.com";

    /** The principal EventBridge delivers as. */
    public static final String EVENTS_PRINCIPAL = "events.amazonaws.com";

    private QueuePolicy() {}

    /**
     * What a policy admits.
     *
     * @param topics topic ARNs admitted for {@code sns.amazonaws.com}
     * @param rules rule ARNs admitted for {@code events.amazonaws.com}
     * @param wider Sids (or positions) of Allow statements that admit anything without naming its source ARN
     */
    public record Admitted(Set<String> topics, Set<String> rules, List<String> wider) {}

    /** The policy JSON for {@code queueArn} admitting exactly {@code topicArns} and {@code ruleArns}. */
    public static String build(String queueArn, Collection<String> topicArns, Collection<String> ruleArns) {
        ObjectNode policy = Json.mapper().createObjectNode();
        policy.put("Version", "2012-10-17");
        policy.put("Id", "alertbridge:" + queueArn);
        ArrayNode statements = policy.putArray("Statement");
        int n = 0;
        for (String topic : new TreeSet<>(topicArns)) {
            statements.add(statement("AlertbridgeTopic" + n++, SNS_PRINCIPAL, queueArn, topic));
        }
        n = 0;
        for (String rule : new TreeSet<>(ruleArns)) {
            statements.add(statement("AlertbridgeRule" + n++, EVENTS_PRINCIPAL, queueArn, rule));
        }
        return policy.toString();
    }

    private static ObjectNode statement(String sid, String principal, String queueArn, String sourceArn) {
        ObjectNode statement = Json.mapper().createObjectNode();
        statement.put("Sid", sid);
        statement.put("Effect", "Allow");
        statement.putObject("Principal").put("Service", principal);
        statement.put("Action", "sqs:SendMessage");
        statement.put("Resource", queueArn);
        statement.putObject("Condition").putObject("ArnEquals").put("aws:SourceArn", sourceArn);
        return statement;
    }

    /** True when the two policy texts are the same JSON (formatting aside); null and blank are no policy. */
    public static boolean sameJson(String a, String b) {
        JsonNode left = parse(a);
        JsonNode right = parse(b);
        return left == null ? right == null : left.equals(right);
    }

    /** What {@code policyJson} admits; an absent or unreadable policy admits nothing. */
    public static Admitted read(String policyJson) {
        Set<String> topics = new LinkedHashSet<>();
        Set<String> rules = new LinkedHashSet<>();
        List<String> wider = new ArrayList<>();
        JsonNode policy = parse(policyJson);
        if (policy == null) {
            return new Admitted(topics, rules, wider);
        }
        JsonNode statements = policy.path("Statement");
        List<JsonNode> list = new ArrayList<>();
        if (statements.isArray()) {
            statements.forEach(list::add);
        } else if (statements.isObject()) {
            list.add(statements);
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode statement = list.get(i);
            if (!"Allow".equals(statement.path("Effect").asText())) {
                continue;
            }
            String sid = statement.path("Sid").asText("statement " + (i + 1));
            List<String> sources = sourceArns(statement.path("Condition"));
            JsonNode principal = statement.path("Principal");
            String service = principal.path("Service").asText("");
            if (sources.isEmpty() || principal.isTextual()) {
                wider.add(sid);
            } else if (SNS_PRINCIPAL.equals(service)) {
                topics.addAll(sources);
            } else if (EVENTS_PRINCIPAL.equals(service)) {
                rules.addAll(sources);
            } else {
                wider.add(sid);
            }
        }
        return new Admitted(topics, rules, wider);
    }

    private static List<String> sourceArns(JsonNode condition) {
        List<String> arns = new ArrayList<>();
        for (String operator : List.of("ArnEquals", "ArnLike", "StringEquals")) {
            JsonNode value = condition.path(operator).path("aws:SourceArn");
            if (value.isTextual() && !value.asText().contains("*")) {
                arns.add(value.asText());
            } else if (value.isArray()) {
                value.forEach(v -> {
                    if (!v.asText().contains("*")) {
                        arns.add(v.asText());
                    }
                });
            }
        }
        return arns;
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
