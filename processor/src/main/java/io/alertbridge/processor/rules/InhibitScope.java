package io.alertbridge.processor.rules;

import io.alertbridge.schemas.model.InhibitRule;
import io.alertbridge.schemas.model.Matcher;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Judges whether an inhibition rule would make alerts inhibit themselves, judging by what its matchers would match,
 * with no sample of alerts at hand. Thread-safe (stateless).
 *
 * <p>The rule implemented: a rule is rejected when one side's matchers are a subset of the other's (identical sets
 * included) and no source matcher contradicts a target matcher. Then every alert of the narrower side also
 * matches the wider side, and since an alert always has the same {@code equal} labels as itself, every such alert would
 * be both its own source and its own target. Two matchers contradict when no value can satisfy both: {@code l=a} and
 * {@code l=b} with {@code a != b}; {@code l=a} and {@code l!=a}; {@code l=a} and {@code l=~r} where {@code r} does not
 * match {@code a}; {@code l=a} and {@code l!~r} where {@code r} matches {@code a}.
 *
 * <p>Rules whose sides merely overlap (source {@code alarm=RegionDown}, target {@code service=ec2}) are accepted, as
 * in Alertmanager: the processor never lets an alert inhibit itself at run time, so an alert that matches both sides
 * is a source for others and a target of others, never of itself.
 */
public final class InhibitScope {

    private InhibitScope() {}

    /** Judges one rule. */
    public static Verdict judge(InhibitRule rule) {
        if (contradicts(rule.sourceMatchers(), rule.targetMatchers())) {
            return new Verdict(true, "source and target exclude each other");
        }
        Set<Matcher> source = new HashSet<>(rule.sourceMatchers());
        Set<Matcher> target = new HashSet<>(rule.targetMatchers());
        if (source.containsAll(target)) {
            return new Verdict(
                    false,
                    "an alert cannot inhibit itself: every source alert (" + rule.sourceMatchers()
                            + ") also matches the target matchers " + rule.targetMatchers()
                            + "; add a target matcher that excludes the source (for example scope!=region)");
        }
        if (target.containsAll(source)) {
            return new Verdict(
                    false,
                    "an alert cannot inhibit itself: every target alert (" + rule.targetMatchers()
                            + ") also matches the source matchers " + rule.sourceMatchers()
                            + "; add a source matcher that excludes the targets");
        }
        return new Verdict(true, "source and target overlap at most partly; an alert never inhibits itself");
    }

    /** True when some source matcher and some target matcher on the same label cannot both hold. */
    static boolean contradicts(List<Matcher> source, List<Matcher> target) {
        for (Matcher s : source) {
            for (Matcher t : target) {
                if (s.label().equals(t.label()) && (excludes(s, t) || excludes(t, s))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when {@code equality} is an equality matcher and no value satisfies it and {@code other}. */
    private static boolean excludes(Matcher equality, Matcher other) {
        if (equality.op() != Matcher.Op.EQ) {
            return false;
        }
        String value = equality.value();
        return switch (other.op()) {
            case EQ -> !Objects.equals(value, other.value());
            case NEQ -> Objects.equals(value, other.value());
            case RE -> !Pattern.compile(other.value()).matcher(value).matches();
            case NRE -> Pattern.compile(other.value()).matcher(value).matches();
        };
    }

    /**
     * The judgement.
     *
     * @param allowed whether the rule may be applied
     * @param reason why, naming the matchers when it may not
     */
    public record Verdict(boolean allowed, String reason) {}
}
