package io.alertbridge.launcher.cli;

import io.alertbridge.launcher.ops.HeartbeatTokens;
import io.alertbridge.processor.rules.RulesFile;
import io.alertbridge.schemas.model.HeartbeatRule;
import io.alertbridge.schemas.model.Rule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatCommandTest {

    private static String field(String out, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + ":\\s+(\\S+)$").matcher(out);
        assertThat(matcher.find()).as(name + " in " + out).isTrue();
        return matcher.group(1);
    }

    @Test
    void shouldPrintAFreshTokenItsHashAndARuleThatValidates() {
        CliRun first = CliRun.of("heartbeat", "token", "nightly-backup");
        CliRun second = CliRun.of("heartbeat", "token", "nightly-backup");

        assertThat(first.code).isZero();
        String token = field(first.out, "token");
        String hash = field(first.out, "tokenSha256");
        assertThat(token).hasSize(43).isNotEqualTo(field(second.out, "token"));
        assertThat(HeartbeatTokens.matches(token, hash)).isTrue();
        assertThat(first.out).contains("Authorization: Bearer " + token).contains("/heartbeat/nightly-backup");

        String ruleLine = first.out
                .lines()
                .filter(line -> line.contains("kind: heartbeat"))
                .findFirst()
                .orElseThrow();
        List<Rule> rules = RulesFile.parse("rules:\n" + ruleLine + "\n", "printed");
        assertThat(rules).singleElement().isInstanceOfSatisfying(HeartbeatRule.class, rule -> {
            assertThat(rule.id()).isEqualTo("nightly-backup");
            assertThat(rule.tokenSha256()).isEqualTo(hash);
        });
    }
}
