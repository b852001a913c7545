package io.alertbridge.schemas.model;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A link button a route puts on its incidents' Slack messages (runbook, dashboard, AWS console deep link), its URL
 * a template over the incident's values: {@code {{labels.NAME}}} (a group label, so NAME must be in the route's
 * {@code groupBy}), {@code {{fingerprint}}}, {@code {{region}}}, {@code {{account}}} and {@code {{alarmName}}} (the
 * last three read from the worst member's fingerprint when it is an ARN).
 *
 * <p>Rendering ({@link #render(Map)}) URL-encodes every value into the URL. A value missing at post time (a label
 * the incident lacks, a fingerprint that is not an ARN) leaves the button out: a link with a hole in it would
 * open the wrong page. Whether a template is well formed is decided when the rule is applied
 * ({@link #problems()}), never at post time.
 *
 * @param text the button's label, e.g. {@code Runbook}
 * @param url the URL template, e.g. {@code https://wiki/runbooks/{{labels.service}}}
 */
public record LinkButton(String text, String url) {

    /** Slack's limit on a button's URL. */
    public static final int MAX_URL_CHARS = 3000;

    /** Slack's limit on a button's text. */
    public static final int MAX_TEXT_CHARS = 75;

    /** The fields a template may name besides {@code labels.NAME}. */
    public static final Set<String> FIELDS = Set.of("fingerprint", "region", "account", "alarmName");

    /** The prefix of a label placeholder. */
    public static final String LABEL_PREFIX = "labels.";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.\\-]+)\\s*}}");
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

    public LinkButton {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(url, "url");
    }

    /** The placeholder names in the template, in order ({@code labels.service}, {@code region}, ...). */
    public List<String> placeholders() {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(url);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The group labels the template names ({@code service} for {@code {{labels.service}}}). */
    public List<String> labels() {
        return placeholders().stream()
                .filter(name -> name.startsWith(LABEL_PREFIX))
                .map(name -> name.substring(LABEL_PREFIX.length()))
                .toList();
    }

    /**
     * Why this button cannot be applied, or empty: blank or too long text, unbalanced braces, a placeholder that is
     * neither {@code labels.NAME} nor one of {@link #FIELDS}, or a URL that is not an absolute http(s) URL once
     * rendered with sample values.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (text.isBlank() || text.length() > MAX_TEXT_CHARS) {
            problems.add("button text must be 1.." + MAX_TEXT_CHARS + " characters");
        }
        String rest = PLACEHOLDER.matcher(url).replaceAll("");
        if (rest.contains("{") || rest.contains("}")) {
            problems.add("unbalanced braces or unknown placeholder syntax in " + url + " (write {{labels.NAME}} or {{"
                    + String.join("}}, {{", FIELDS.stream().sorted().toList()) + "}})");
        }
        for (String name : placeholders()) {
            boolean label = name.startsWith(LABEL_PREFIX)
                    && LABEL_NAME.matcher(name.substring(LABEL_PREFIX.length())).matches();
            if (!label && !FIELDS.contains(name)) {
                problems.add("unknown placeholder {{" + name + "}} in " + url);
            }
        }
        if (problems.isEmpty()) {
            Optional<String> sample = render(name -> "sample");
            if (sample.isEmpty() || !Link.isWebUrl(sample.get()) || sample.get().contains(" ")) {
                problems.add("'" + url + "' is not an absolute http(s) URL once rendered");
            } else if (sample.get().length() > MAX_URL_CHARS) {
                problems.add("URL longer than " + MAX_URL_CHARS + " characters");
            }
        }
        return problems;
    }

    /**
     * The button's URL for these values, each URL-encoded; empty when a value is missing (the button is then left
     * out) or the result is not a web URL or longer than Slack allows.
     *
     * @param values placeholder name ({@code labels.service}, {@code region}, ...) to raw value; absent or null
     *     means missing
     */
    public Optional<String> render(Map<String, String> values) {
        return render(values::get).filter(rendered -> Link.isWebUrl(rendered) && rendered.length() <= MAX_URL_CHARS);
    }

    private Optional<String> render(Function<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(url);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.apply(m.group(1));
            if (value == null || value.isEmpty()) {
                return Optional.empty();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(encode(value)));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }

    /** Percent-encodes a value for any part of a URL (path or query): only unreserved characters stay. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
