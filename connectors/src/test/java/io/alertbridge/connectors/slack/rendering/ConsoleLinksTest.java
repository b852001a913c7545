package io.alertbridge.connectors.slack.rendering;

import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.schemas.aws.Arn;
import io.alertbridge.schemas.model.Link;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleLinksTest {

    @Test
    void shouldLinkAlarmsPipelinesAndBuildsToTheirConsolePages() {
        assertThat(link("arn:aws:cloudwatch:us-east-1:123456789012:alarm:High CPU"))
                .isEqualTo(
                        "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/High%20CPU");
        assertThat(link("arn:aws:codepipeline:eu-west-1:123456789012:deploy-api"))
                .isEqualTo("https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/deploy-api/view"
                        + "?region=eu-west-1");
        assertThat(link("arn:aws:codebuild:eu-west-1:123456789012:build/api-build:8745a7a9-c340-456a-9166"))
                .isEqualTo("https://eu-west-1.console.aws.amazon.com/codesuite/codebuild/123456789012/projects/"
                        + "api-build/build/api-build%3A8745a7a9-c340-456a-9166/?region=eu-west-1");
        assertThat(link("arn:aws:codebuild:eu-west-1:123456789012:project/api-build"))
                .isEqualTo("https://eu-west-1.console.aws.amazon.com/codesuite/codebuild/projects/api-build/history"
                        + "?region=eu-west-1");
        assertThat(link("arn:aws:s3:::bucket")).isNull();
        assertThat(link("anomaly:detector:series")).isNull();
    }

    @Test
    void shouldNotLinkToAConsoleInARegionOrAccountTheArnDoesNotName() {
        assertThat(link("arn:aws:cloudwatch:*:123456789012:alarm:api-5xx")).isNull();
        assertThat(link("arn:aws:cloudwatch:REGION:ACCOUNT_NUMBER:alarm:EXAMPLE"))
                .isNull();
        assertThat(link("arn:aws:codepipeline::123456789012:deploy-api")).isNull();
        assertThat(link("arn:aws:codebuild:eu-west-1:ACCOUNT_NUMBER:build/api-build:8745a7a9"))
                .isNull();
    }

    @Test
    void shouldPreferTheMembersOwnLink() {
        assertThat(ConsoleLinks.forMember(Incidents.anomaly()))
                .contains(new Link("Dashboard", "https://grafana.example/d/api"));
    }

    private static String link(String arn) {
        return Arn.parse(arn)
                .toOptional()
                .flatMap(ConsoleLinks::forArn)
                .map(Link::url)
                .orElse(null);
    }
}
