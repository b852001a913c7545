package io.alertbridge.processor.rules;

import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.serde.Json;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RuleValidatorTest {

    private static RuleValidator.Result silence(String matchers) throws Exception {
        return RuleValidator.validate(Json.mapper()
                .readTree("{\"kind\":\"silence\",\"id\":\"s1\",\"matchers\":[" + matchers + "],"
                        + "\"startsAt\":\"2026-11-22T01:00:00Z\",\"endsAt\":\"2026-11-22T03:00:00Z\","
                        + "\"reason\":\"test\",\"createdBy\":\"ops\"}"));
    }

    @Test
    void shouldAcceptASilenceThatNamesWhatItSilences() throws Exception {
        assertThat(silence("{\"label\":\"service\",\"op\":\"=\",\"value\":\"db\"}")
                        .isValid())
                .isTrue();
        assertThat(silence("{\"label\":\"service\",\"op\":\"=\",\"value\":\"db\"},"
                                + "{\"label\":\"env\",\"op\":\"!=\",\"value\":\"dev\"}")
                        .isValid())
                .isTrue();
    }

    @Test
    void shouldRejectASilenceWhoseMatchersMatchEveryAlertByConstruction() throws Exception {
        RuleValidator.Result negative = silence("{\"label\":\"account\",\"op\":\"!=\",\"value\":\"nobody\"}");
        RuleValidator.Result anyValue = silence("{\"label\":\"account\",\"op\":\"=~\",\"value\":\".+\"}");
        RuleValidator.Result notRegex = silence("{\"label\":\"account\",\"op\":\"!~\",\"value\":\"nobody\"}");

        assertThat(negative.isValid()).isFalse();
        assertThat(negative.reason()).contains("account!=nobody");
        assertThat(anyValue.isValid()).isFalse();
        assertThat(notRegex.isValid()).isFalse();
    }

    private static com.fasterxml.jackson.databind.JsonNode route(String receivers) throws Exception {
        return Json.mapper().readTree("{\"kind\":\"route\",\"id\":\"api\",\"channel\":\"#api\"" + receivers + "}");
    }

    @Test
    void shouldSendARouteWithoutReceiversToSlackOnly() throws Exception {
        RuleValidator.Result result = RuleValidator.validate(route(""), Set.of());

        assertThat(result.isValid()).isTrue();
        assertThat(((RouteRule) result.rule()).receivers()).containsExactly("slack");
    }

    @Test
    void shouldAcceptReceiversTheConfigurationDefines() throws Exception {
        RuleValidator.Result result = RuleValidator.validate(
                route(",\"receivers\":[\"slack\",\"webhook:tickets\",\"pagerduty:oncall\"]"),
                Set.of("webhook:tickets", "pagerduty:oncall"));

        assertThat(result.isValid()).isTrue();
        assertThat(((RouteRule) result.rule()).receivers())
                .containsExactly("slack", "webhook:tickets", "pagerduty:oncall");
    }

    @Test
    void shouldRejectARouteNamingAReceiverTheConfigurationDoesNotDefine() throws Exception {
        RuleValidator.Result result = RuleValidator.validate(
                route(",\"receivers\":[\"webhook:tickets\",\"email:ops\"]"), Set.of("webhook:tickets"));

        assertThat(result.isValid()).isFalse();
        assertThat(result.reason())
                .contains("route api")
                .contains("[email:ops]")
                .doesNotContain("[webhook:tickets,");
    }

    @Test
    void shouldRejectAReceiverOfAnUnknownKindWhateverTheConfiguration() throws Exception {
        RuleValidator.Result result = RuleValidator.validate(route(",\"receivers\":[\"sms:ops\"]"), Set.of("sms:ops"));

        assertThat(result.isValid()).isFalse();
        assertThat(result.reason()).contains("receivers");
    }

    private static RuleValidator.Result routeWithLinks(String groupBy, String links) throws Exception {
        return RuleValidator.validate(Json.mapper()
                .readTree("{\"kind\":\"route\",\"id\":\"payments\",\"channel\":\"#pay\",\"groupBy\":[" + groupBy
                        + "],\"links\":[" + links + "]}"));
    }

    @Test
    void shouldAcceptLinkButtonsOverGroupLabelsAndFields() throws Exception {
        RuleValidator.Result result = routeWithLinks(
                "\"service\"",
                "{\"text\":\"Runbook\",\"url\":\"https://wiki/runbooks/{{labels.service}}\"},"
                        + "{\"text\":\"Alarm\",\"url\":\"https://{{region}}.console.aws.amazon.com/"
                        + "cloudwatch/home#alarmsV2:alarm/{{alarmName}}\"}");

        assertThat(result.isValid()).as(result.reason()).isTrue();
        assertThat(((RouteRule) result.rule()).links()).hasSize(2);
    }

    @Test
    void shouldRejectAMalformedLinkTemplateNamingTheRoute() throws Exception {
        RuleValidator.Result braces =
                routeWithLinks("\"service\"", "{\"text\":\"Runbook\",\"url\":\"https://wiki/{{labels.service}\"}");
        RuleValidator.Result scheme =
                routeWithLinks("\"service\"", "{\"text\":\"Runbook\",\"url\":\"ftp://wiki/{{labels.service}}\"}");

        assertThat(braces.isValid()).isFalse();
        assertThat(braces.reason()).contains("route payments, link 'Runbook'").contains("unbalanced braces");
        assertThat(scheme.isValid()).isFalse();
        assertThat(scheme.reason()).contains("not an absolute http(s) URL");
    }

    @Test
    void shouldRejectALinkOverALabelOutsideGroupBy() throws Exception {
        RuleValidator.Result result =
                routeWithLinks("\"service\"", "{\"text\":\"Team\",\"url\":\"https://wiki/{{labels.team}}\"}");

        assertThat(result.isValid()).isFalse();
        assertThat(result.reason()).contains("label 'team' is not in groupBy [service]");
    }

    @Test
    void shouldRejectMoreLinkButtonsThanAnActionsBlockHolds() throws Exception {
        String link = "{\"text\":\"Wiki\",\"url\":\"https://wiki/x\"}";
        String links = String.join(",", java.util.Collections.nCopies(RouteRule.MAX_LINKS + 1, link));

        RuleValidator.Result result = routeWithLinks("", links);

        assertThat(result.isValid()).isFalse();
        assertThat(routeWithLinks("", String.join(",", java.util.Collections.nCopies(RouteRule.MAX_LINKS, link)))
                        .isValid())
                .isTrue();
    }

    @Test
    void shouldRejectAHoldWhoseMinimumExceedsItsHistory() throws Exception {
        RuleValidator.Result result = RuleValidator.validate(Json.mapper()
                .readTree("{\"kind\":\"route\",\"id\":\"flaky\",\"channel\":\"#f\","
                        + "\"hold\":{\"lastFirings\":5,\"minFirings\":10}}"));

        assertThat(result.isValid()).isFalse();
        assertThat(result.reason()).contains("minFirings <= lastFirings");
    }
}
