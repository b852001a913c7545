package io.alertbridge.launcher.cli;

import io.alertbridge.processor.admin.RulesTopic;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.rules.RulesFile;
import io.alertbridge.schemas.model.ReportRule;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The report rules in force for the scheduled digests of an interactivity process: the rules file's, overridden
 * (by id) by the rules topic's, as the processor's live rule book holds them. The topic is read again at most once a
 * {@link #REFRESH minute} (a rule applied with {@code alertbridge rules apply} takes up to that long to be seen);
 * when it cannot be read, the last rules read stay. Called from the digest thread only.
 */
final class ReportRuleSource implements Supplier<List<ReportRule>> {

    private static final Logger LOG = LoggerFactory.getLogger(ReportRuleSource.class);

    /** How often the rules topic is read again. */
    static final Duration REFRESH = Duration.ofMinutes(1);

    private final List<Rule> fileRules;
    private final Supplier<Map<String, Rule>> topic;
    private final Clock clock;
    private Instant readAt;
    private List<ReportRule> current = List.of();

    ReportRuleSource(List<Rule> fileRules, Supplier<Map<String, Rule>> topic, Clock clock) {
        this.fileRules = List.copyOf(fileRules);
        this.topic = topic;
        this.clock = clock;
    }

    /** The rules of the configuration's file and of its rules topic. */
    static ReportRuleSource of(ProcessorConfig config) {
        String file = config.rules().file();
        List<Rule> fromFile = file == null ? List.of() : RulesFile.load(Path.of(file));
        RulesTopic rules = new RulesTopic(
                config.kafka().clientProperties(), config.topicCatalog().rules());
        return new ReportRuleSource(fromFile, rules::current, Clock.systemUTC());
    }

    @Override
    public List<ReportRule> get() {
        Instant now = clock.instant();
        if (readAt != null && Duration.between(readAt, now).compareTo(REFRESH) < 0) {
            return current;
        }
        readAt = now;
        try {
            current = merge(fileRules, topic.get().values());
        } catch (RuntimeException e) {
            LOG.warn("Cannot read the rules topic for report digests; keeping the last rules: {}", LogText.failure(e));
        }
        return current;
    }

    /** The report rules of {@code file}, with those of {@code topic} replacing any of the same id. */
    static List<ReportRule> merge(Collection<Rule> file, Collection<Rule> topic) {
        Map<String, Rule> byId = new LinkedHashMap<>();
        file.forEach(rule -> byId.put(rule.id(), rule));
        topic.forEach(rule -> byId.put(rule.id(), rule));
        return byId.values().stream()
                .filter(ReportRule.class::isInstance)
                .map(ReportRule.class::cast)
                .toList();
    }
}
