package io.alertbridge.schemas.model;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LinkButtonTest {

    private static final LinkButton RUNBOOK = new LinkButton("Runbook", "https://wiki/runbooks/{{labels.service}}");

    @Test
    void shouldUrlEncodeLabelValuesIntoTheUrl() {
        assertThat(RUNBOOK.render(Map.of("labels.service", "pay & go/v2")))
                .contains("https://wiki/runbooks/pay%20%26%20go%2Fv2");
        LinkButton console = new LinkButton(
                "Alarm",
                "https://{{region}}.console.aws.amazon.com/cloudwatch/home?region={{ region }}#alarmsV2:alarm/{{alarmName}}");
        assertThat(console.render(Map.of("region", "eu-west-2", "alarmName", "api-5xx")))
                .contains("https://eu-west-2.console.aws.amazon.com/cloudwatch/home?region=eu-west-2"
                        + "#alarmsV2:alarm/api-5xx");
    }

    @Test
    void shouldLeaveTheButtonOutWhenAValueIsMissingAtPostTime() {
        assertThat(RUNBOOK.render(Map.of("labels.team", "payments"))).isEmpty();
        assertThat(RUNBOOK.render(Map.of("labels.service", ""))).isEmpty();
    }

    @Test
    void shouldNameItsPlaceholdersAndLabels() {
        LinkButton button = new LinkButton("Dash", "https://grafana/d/{{labels.service}}?acct={{account}}");

        assertThat(button.placeholders()).containsExactly("labels.service", "account");
        assertThat(button.labels()).containsExactly("service");
        assertThat(button.problems()).isEmpty();
    }

    @Test
    void shouldRejectUnbalancedBracesAndUnknownPlaceholderSyntax() {
        assertThat(new LinkButton("Runbook", "https://wiki/{{labels.service}").problems())
                .singleElement()
                .asString()
                .contains("unbalanced braces");
        assertThat(new LinkButton("Runbook", "https://wiki/{labels.service}").problems())
                .singleElement()
                .asString()
                .contains("unbalanced braces");
        assertThat(new LinkButton("Runbook", "https://wiki/{{ service }}").problems())
                .singleElement()
                .asString()
                .contains("unknown placeholder {{service}}");
    }

    @Test
    void shouldRejectAUrlThatIsNotHttpOnceRendered() {
        assertThat(new LinkButton("Run", "javascript:alert({{labels.service}})").problems())
                .singleElement()
                .asString()
                .contains("not an absolute http(s) URL");
        assertThat(new LinkButton("Run", "{{labels.host}}/runbook").problems()).isNotEmpty();
        assertThat(new LinkButton("Run", "/runbooks/{{labels.service}}").problems())
                .isNotEmpty();
        assertThat(new LinkButton("Run", "https://wiki/a b").problems()).isNotEmpty();
    }

    @Test
    void shouldRejectTooLongUrlsAndBlankText() {
        assertThat(new LinkButton("Run", "https://wiki/" + "a".repeat(LinkButton.MAX_URL_CHARS)).problems())
                .singleElement()
                .asString()
                .contains("longer than 3000");
        assertThat(new LinkButton(" ", "https://wiki/x").problems()).isNotEmpty();
    }
}
