package io.alertbridge.processor.config;

import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.processor.rules.RulesFile;
import io.alertbridge.schemas.config.Check;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Where the rules come from at start ({@code rules:} in YAML). The compacted rules topic adds to them at run time:
 * {@link #live()} is the book the processor follows.
 *
 * @param file a YAML rules file (see {@link RulesFile}), or null for none
 * @param defaultChannel channel of the built-in default route; environment {@code SLACK_DEFAULT_CHANNEL}
 */
public record RulesSlice(String file, String defaultChannel) {

    public RulesSlice {
        if (file != null) {
            Check.notBlank("rules.file", file);
        }
        Check.notBlank("rules.defaultChannel", defaultChannel);
    }

    public static RulesSlice defaults() {
        return new RulesSlice(null, "#alerts");
    }

    /**
     * The rule book of the file (or an empty one).
     *
     * @throws RulesFile.InvalidRulesException naming the file, the rule and the problem
     */
    public RuleBook load() {
        if (file == null) {
            return RuleBook.empty(defaultChannel);
        }
        return RuleBook.of(RulesFile.load(Path.of(file)), defaultChannel);
    }

    /**
     * A live rule book seeded with the file's rules, for the rules topic to change at run time.
     *
     * @throws RulesFile.InvalidRulesException naming the file, the rule and the problem
     */
    public LiveRuleBook live() {
        return live(null);
    }

    /**
     * A live rule book seeded with the file's rules that also rejects, from the file and from the rules topic, a
     * route naming a receiver outside {@code definedReceivers}.
     *
     * @param definedReceivers the receivers the configuration defines ({@code webhook:tickets}, ...), or null not to
     *     check receivers
     * @throws RulesFile.InvalidRulesException naming the file, the rule and the problem
     */
    public LiveRuleBook live(Set<String> definedReceivers) {
        return new LiveRuleBook(
                file == null ? List.of() : RulesFile.load(Path.of(file), definedReceivers),
                defaultChannel,
                definedReceivers);
    }
}
