package io.alertbridge.launcher.cli;

import io.alertbridge.schemas.model.InhibitRule;
import io.alertbridge.schemas.model.Matcher;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RulesCommandDescribeTest {

    @Test
    void shouldDescribeAnInhibitionRuleOnOneLine() {
        InhibitRule rule = new InhibitRule(
                "region-down-inhibits-instances",
                List.of(Matcher.parse("alarm=region-down")),
                List.of(Matcher.parse("alarm=~cpu-.*")),
                List.of("region"));

        assertThat(RulesCommand.describe(rule))
                .startsWith("inhibit   region-down-inhibits-instances")
                .contains("[alarm=region-down] inhibits [alarm=~cpu-.*] (equal [region])");
    }
}
