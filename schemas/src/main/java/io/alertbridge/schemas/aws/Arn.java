package io.alertbridge.schemas.aws;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An Amazon Resource Name, {@code arn:partition:service:region:account-id:resource}, as AWS documents it ("Amazon
 * Resource Names (ARNs)", AWS General Reference).
 *
 * <p>The region and account are kept only when they are real: a region code such as {@code eu-west-2} and a
 * 12-digit account id. AWS omits either or both for global resources ({@code arn:aws:iam::123456789012:user/x},
 * {@code arn:aws:s3:::bucket}); a documentation placeholder ({@code REGION}, {@code ACCOUNT_NUMBER}) or a policy
 * wildcard ({@code *}) names no region or account either. All of these parse, with a null region or account, so
 * nothing downstream builds a console URL for {@code *.console.aws.amazon.com} or shows a placeholder as a label.
 * Regions come from here, never from display names such as "EU (London)". Immutable; {@link #parse} is a pure
 * function that never throws.
 *
 * @param text the ARN as given
 * @param partition {@code aws}, {@code aws-cn}, {@code aws-us-gov}, ...
 * @param service the service namespace, e.g. {@code cloudwatch}
 * @param region the region code, or null (global resources, placeholders, wildcards)
 * @param account the 12-digit account id, or null (global resources, placeholders, wildcards)
 * @param resource everything after the account, never empty, e.g. {@code alarm:ServerCpuTooHigh}
 */
public record Arn(String text, String partition, String service, String region, String account, String resource) {

    /** Longer text is not an ARN: AWS bounds ARNs at 2048 characters. */
    public static final int MAX_LENGTH = 2048;

    private static final Pattern PARTITION = Pattern.compile("aws(-[a-z0-9]+)*");
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    /**
     * What {@link #parse} made of a text: the ARN, or why it is not one. The reason never quotes the text, so it is
     * safe to log.
     *
     * @param arn the ARN, or null
     * @param reason why the text is not an ARN, or null when it is one
     */
    public record Parsed(Arn arn, String reason) {

        /** True when the text is an ARN. */
        public boolean isArn() {
            return arn != null;
        }

        /** The ARN, or empty. */
        public Optional<Arn> toOptional() {
            return Optional.ofNullable(arn);
        }

        private static Parsed not(String reason) {
            return new Parsed(null, reason);
        }
    }

    /** The ARN in the text, or the reason it is not one. Never throws, whatever the text. */
    public static Parsed parse(String text) {
        if (text == null) {
            return Parsed.not("no text");
        }
        if (text.length() > MAX_LENGTH) {
            return Parsed.not("longer than " + MAX_LENGTH + " characters");
        }
        if (!text.startsWith("arn:")) {
            return Parsed.not("does not start with arn:");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            return Parsed.not("contains a control character");
        }
        String[] parts = text.split(":", 6);
        if (parts.length < 6) {
            return Parsed.not("has " + parts.length + " of the 6 colon-separated parts");
        }
        if (!PARTITION.matcher(parts[1]).matches()) {
            return Parsed.not("partition is not aws or aws-<name>");
        }
        if (!SERVICE.matcher(parts[2]).matches()) {
            return Parsed.not("service is not a service namespace");
        }
        if (parts[5].isEmpty()) {
            return Parsed.not("resource is empty");
        }
        return new Parsed(
                new Arn(
                        text,
                        parts[1],
                        parts[2],
                        isRegionCode(parts[3]) ? parts[3] : null,
                        isAccountId(parts[4]) ? parts[4] : null,
                        parts[5]),
                null);
    }

    /** True for region codes such as {@code us-east-1}, {@code eu-west-2}, {@code us-gov-west-1}. */
    public static boolean isRegionCode(String text) {
        return text != null && REGION.matcher(text).matches();
    }

    /** True for 12-digit account ids. */
    public static boolean isAccountId(String text) {
        return text != null && ACCOUNT.matcher(text).matches();
    }

    /** The region of the ARN in the text, if it is an ARN with a real region code. */
    public static Optional<String> regionOf(String text) {
        return parse(text).toOptional().map(Arn::region);
    }

    /** The last part of the resource: {@code ServerCpuTooHigh} of {@code alarm:ServerCpuTooHigh}. */
    public String resourceName() {
        int cut = Math.max(resource.lastIndexOf(':'), resource.lastIndexOf('/'));
        return cut < 0 ? resource : resource.substring(cut + 1);
    }
}
