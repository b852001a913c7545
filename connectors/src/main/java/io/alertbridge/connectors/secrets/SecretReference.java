package io.alertbridge.connectors.secrets;

import io.alertbridge.schemas.aws.Arn;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a secret lives in AWS, as a configuration value names it instead of the secret itself:
 *
 * <ul>
 *   <li>{@code secretsmanager:NAME} or {@code secretsmanager:ARN}: the secret's string;
 *   <li>{@code secretsmanager:NAME#key}: the string value of {@code key} in the secret's JSON object;
 *   <li>{@code ssm:/PARAM/NAME}: an SSM parameter's value, a {@code SecureString} decrypted.
 * </ul>
 *
 * <p>{@link #parse} is a pure function that never throws. Its reason for a bad reference never quotes the text:
 * a secret pasted by mistake after {@code ssm:} must not reach a log. Immutable.
 *
 * @param store where the secret lives
 * @param name the secret's name or ARN, or the parameter's name (starting with {@code /})
 * @param jsonKey the key in the secret's JSON object, or null for the whole string
 */
public record SecretReference(Store store, String name, String jsonKey) {

    /** The stores a reference may name, by their prefix. */
    public enum Store {
        SECRETS_MANAGER("secretsmanager:"),
        SSM("ssm:");

        private final String prefix;

        Store(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    /** Secrets Manager's limit on a name; an ARN is bounded by {@link Arn#MAX_LENGTH}. */
    static final int MAX_SECRET_NAME = 512;
    /** SSM's limit on a fully qualified parameter name. */
    static final int MAX_PARAMETER_NAME = 2048;

    private static final int MAX_JSON_KEY = 256;
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]+");
    private static final Pattern PARAMETER_NAME = Pattern.compile("/[A-Za-z0-9_./-]+");
    private static final Pattern JSON_KEY = Pattern.compile("[\\x21-\\x7e&&[^#]]+");

    public SecretReference {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(name, "name");
    }

    /**
     * What {@link #parse} made of a configuration value.
     *
     * @param reference the reference, or null when the value is a literal secret or a bad reference
     * @param reason why the value is a bad reference (never quoting it), or null
     */
    public record Parsed(SecretReference reference, String reason) {

        /** The value is a secret itself, not a reference. */
        public boolean isLiteral() {
            return reference == null && reason == null;
        }

        public boolean isReference() {
            return reference != null;
        }

        /** The value starts like a reference but is not a valid one. */
        public boolean isInvalid() {
            return reason != null;
        }
    }

    /** True when the value starts with a store's prefix, so it is meant as a reference (valid or not). */
    public static boolean looksLikeReference(String value) {
        return value != null && storeOf(value.strip()) != null;
    }

    /**
     * The reference in a configuration value: a reference, a literal (anything not starting with a store's prefix),
     * or the reason the value is a bad reference. Never throws.
     */
    public static Parsed parse(String value) {
        if (value == null) {
            return new Parsed(null, null);
        }
        String text = value.strip();
        Store store = storeOf(text);
        if (store == null) {
            return new Parsed(null, null);
        }
        String rest = text.substring(store.prefix().length());
        return store == Store.SSM ? parameter(rest) : secret(rest);
    }

    private static Store storeOf(String text) {
        for (Store store : Store.values()) {
            if (text.startsWith(store.prefix())) {
                return store;
            }
        }
        return null;
    }

    private static Parsed parameter(String rest) {
        if (rest.isEmpty()) {
            return bad("ssm: names no parameter (expected ssm:/PARAM/NAME)");
        }
        if (rest.length() > MAX_PARAMETER_NAME) {
            return bad("ssm: parameter name is longer than " + MAX_PARAMETER_NAME + " characters");
        }
        if (rest.indexOf('#') >= 0) {
            return bad("ssm: takes no #key (a parameter holds one value)");
        }
        if (!PARAMETER_NAME.matcher(rest).matches()) {
            return bad("ssm: parameter name must start with / and hold only letters, digits and _ . - /");
        }
        return new Parsed(new SecretReference(Store.SSM, rest, null), null);
    }

    private static Parsed secret(String rest) {
        int hash = rest.indexOf('#');
        String name = hash < 0 ? rest : rest.substring(0, hash);
        String key = hash < 0 ? null : rest.substring(hash + 1);
        if (name.isEmpty()) {
            return bad("secretsmanager: names no secret (expected secretsmanager:NAME-or-ARN[#jsonKey])");
        }
        String nameProblem = name.startsWith("arn:") ? arnProblem(name) : nameProblem(name);
        if (nameProblem != null) {
            return bad(nameProblem);
        }
        if (key != null
                && (key.isEmpty()
                        || key.length() > MAX_JSON_KEY
                        || !JSON_KEY.matcher(key).matches())) {
            return bad("secretsmanager: the JSON key after # must be 1.." + MAX_JSON_KEY
                    + " printable characters without spaces or #");
        }
        return new Parsed(new SecretReference(Store.SECRETS_MANAGER, name, key), null);
    }

    private static String nameProblem(String name) {
        if (name.length() > MAX_SECRET_NAME) {
            return "secretsmanager: secret name is longer than " + MAX_SECRET_NAME + " characters";
        }
        if (!SECRET_NAME.matcher(name).matches()) {
            return "secretsmanager: secret name may hold only letters, digits and / _ + = . @ -";
        }
        return null;
    }

    private static String arnProblem(String name) {
        Arn.Parsed arn = Arn.parse(name);
        if (!arn.isArn()) {
            return "secretsmanager: the ARN " + arn.reason();
        }
        if (!arn.arn().service().equals("secretsmanager")
                || !arn.arn().resource().startsWith("secret:")) {
            return "secretsmanager: the ARN is not a Secrets Manager secret's (arn:aws:secretsmanager:...:secret:...)";
        }
        if (!SECRET_NAME
                .matcher(arn.arn().resource().substring("secret:".length()))
                .matches()) {
            return "secretsmanager: the ARN's secret name may hold only letters, digits and / _ + = . @ -";
        }
        return null;
    }

    private static Parsed bad(String reason) {
        return new Parsed(null, reason);
    }

    /** The reference as written in the configuration; safe to log (it names where the secret is, not what). */
    @Override
    public String toString() {
        return store.prefix() + name + (jsonKey == null ? "" : "#" + jsonKey);
    }
}
