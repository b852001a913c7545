package io.alertbridge.processor.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.schemas.config.InvalidConfigException;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A slice that only some commands use (Slack's, whose tokens are required only where Slack is talked to). It is
 * bound and checked at load like every other slice, and unknown keys and wrong types fail the load; but a missing
 * or invalid value is reported only when a command asks for the slice with {@link #get()}, at its start, so
 * {@code alertbridge process} runs without Slack tokens. Immutable and thread-safe.
 *
 * @param <T> the slice's record
 */
public final class Deferred<T> {

    private final String section;
    private final ObjectNode tree;
    private final Map<String, String> setBy;
    private final Function<ObjectNode, T> binder;
    private final T value;
    private final InvalidConfigException problem;

    Deferred(String section, ObjectNode tree, Map<String, String> setBy, Function<ObjectNode, T> binder) {
        this.section = section;
        this.tree = tree;
        this.setBy = Map.copyOf(setBy);
        this.binder = binder;
        T bound = null;
        InvalidConfigException failure = null;
        try {
            bound = binder.apply(tree);
        } catch (ConfigLoader.ValidationFailed e) {
            failure = e.problem();
        }
        this.value = bound;
        this.problem = failure;
    }

    /**
     * The slice.
     *
     * @throws InvalidConfigException naming the key (and the variable that sets it) that is missing or wrong
     */
    public T get() {
        if (problem != null) {
            throw problem;
        }
        return value;
    }

    /** The slice, or empty when it cannot be used. */
    public Optional<T> ifValid() {
        return Optional.ofNullable(value);
    }

    /**
     * The environment variable that set {@code key} of this section, else the key as the file names it: what a
     * message about the value should point at ({@code SLACK_BOT_TOKEN}, {@code slack.token}).
     */
    public String sourceOf(String key) {
        String full = section + "." + key;
        String variable = setBy.get(full);
        return variable == null ? full : variable.substring(variable.lastIndexOf(' ') + 1);
    }

    /** True when an environment variable set {@code key} of this section. */
    public boolean setByEnvironment(String key) {
        return setBy.containsKey(section + "." + key);
    }

    /**
     * The same section with some keys replaced, bound again (dev mode puts its local Slack workspace in place of
     * the configured one); the file is not read again.
     *
     * @param overrides key (within the section) to value
     */
    public Deferred<T> with(Map<String, ?> overrides) {
        ObjectNode changed = tree.deepCopy();
        overrides.forEach((key, v) -> changed.set(key, ConfigLoader.toNode(v)));
        Map<String, String> sources = new java.util.HashMap<>(setBy);
        overrides.keySet().forEach(key -> sources.remove(section + "." + key));
        return new Deferred<>(section, changed, sources, binder);
    }
}
