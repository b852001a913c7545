package io.alertbridge.processor.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.serde.Json;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The rule book in force: the rules of the YAML file, overlaid by the rules of the compacted {@code alertbridge.rules}
 * topic (same id: the topic's wins; a tombstone removes the topic's version, so the file's version, if any, applies
 * again, as it would after a restart).
 *
 * <p>Every rule from the topic is validated with {@link RuleValidator} before it is applied; a bad one is rejected
 * with its reason and the previous version of that rule stays in force: a rule is applied whole or not at all. Each
 * change publishes a new immutable {@link RuleBook}, so a reader sees one consistent book.
 *
 * <p>Threading: one writer (the global store's processor, on Kafka Streams' global thread), any number of readers
 * (stream threads calling {@link #get()}); the book is published through a volatile field.
 */
public final class LiveRuleBook implements Supplier<RuleBook> {

    /** Rejections kept for {@link #rejections()}. */
    static final int MAX_REJECTIONS = 50;

    private final Map<String, Rule> seed;
    private final Map<String, Rule> overrides = new LinkedHashMap<>();
    private final String defaultChannel;
    private final Set<String> definedReceivers;
    private final Deque<Rejection> rejections = new ArrayDeque<>();
    private volatile RuleBook current;

    /**
     * A live book over the rules of the YAML file.
     *
     * @param seed the file's rules (already validated by {@link RulesFile}); ids must be unique
     * @param defaultChannel the channel of the built-in default route
     */
    public LiveRuleBook(Collection<? extends Rule> seed, String defaultChannel) {
        this(seed, defaultChannel, null);
    }

    /**
     * A live book over the rules of the YAML file that also rejects, from the topic, a route naming a receiver the
     * configuration does not define ({@link RuleValidator#validate(JsonNode, Set)}): {@code rules apply} checks that
     * before it publishes, but a rule written to the topic by other means reaches the processor unchecked.
     *
     * @param seed the file's rules (already validated by {@link RulesFile}); ids must be unique
     * @param defaultChannel the channel of the built-in default route
     * @param definedReceivers the receivers the configuration defines ({@code webhook:tickets}, ...), or null not to
     *     check receivers
     */
    public LiveRuleBook(Collection<? extends Rule> seed, String defaultChannel, Set<String> definedReceivers) {
        this.defaultChannel = Objects.requireNonNull(defaultChannel, "defaultChannel");
        this.definedReceivers = definedReceivers == null ? null : Set.copyOf(definedReceivers);
        this.current = RuleBook.of(seed, defaultChannel);
        this.seed = Map.copyOf(current.rules());
    }

    /** The rule book in force now. */
    @Override
    public RuleBook get() {
        return current;
    }

    /**
     * Applies one record of the rules topic.
     *
     * @param key the record key (must be the rule's id)
     * @param document the record value: a rule as JSON
     * @return the outcome, with the rule when applied
     */
    public synchronized Outcome apply(String key, byte[] document) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(document);
        } catch (IOException e) {
            return reject(key, "not JSON: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            return reject(key, "not a JSON object");
        }
        RuleValidator.Result result = definedReceivers == null
                ? RuleValidator.validate(tree)
                : RuleValidator.validate(tree, definedReceivers);
        if (!result.isValid()) {
            return reject(key, result.reason());
        }
        Rule rule = result.rule();
        if (!rule.id().equals(key)) {
            return reject(key, "the record key '" + key + "' is not the rule's id '" + rule.id() + "'");
        }
        overrides.put(key, rule);
        publish();
        return new Outcome(rule, null);
    }

    /** Restores a rule that was validated before (read back from the global store at start). */
    public synchronized void restore(Rule rule) {
        overrides.put(rule.id(), rule);
        publish();
    }

    /** Applies a tombstone: the topic's version of the rule goes; the file's version, if any, applies again. */
    public synchronized void remove(String key) {
        if (overrides.remove(key) != null) {
            publish();
        }
    }

    /** The latest rejections, oldest first (bounded), for operators and tests. */
    public synchronized List<Rejection> rejections() {
        return List.copyOf(rejections);
    }

    private Outcome reject(String key, String reason) {
        rejections.addLast(new Rejection(key, reason, Instant.now()));
        while (rejections.size() > MAX_REJECTIONS) {
            rejections.removeFirst();
        }
        return new Outcome(null, reason);
    }

    private void publish() {
        Map<String, Rule> merged = new LinkedHashMap<>(seed);
        merged.putAll(overrides);
        current = RuleBook.of(merged.values(), defaultChannel);
    }

    /**
     * What became of one rules-topic record.
     *
     * @param rule the rule applied, or null when rejected
     * @param rejectedBecause why it was rejected, or null when applied
     */
    public record Outcome(Rule rule, String rejectedBecause) {
        public boolean applied() {
            return rule != null;
        }
    }

    /**
     * A rejected rule.
     *
     * @param key the record key
     * @param reason why
     * @param at when (wall clock), for operators
     */
    public record Rejection(String key, String reason, Instant at) {}
}
