package io.alertbridge.schemas.aws;

import java.util.Optional;

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

    private static final int PARTS = 6;
    private static final int ACCOUNT_DIGITS = 12;

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

    /**
     * The ARN in the text, or the reason it is not one. Never throws, whatever the text.
     *
     * <p>The parts are checked by hand, not by regular expressions: every AWS message the processor reads parses one
     * or more ARNs, and the patterns ({@code aws(-[a-z0-9]+)*}, {@code [a-z0-9][a-z0-9-]*},
     * {@code [a-z]{2,4}(-[a-z]+)+-\\d{1,2}}, {@code \\d{12}}, ASCII only) cost a sixth of its normalizing.
     * {@code ArnTest} holds the checks to those patterns.
     */
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
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return Parsed.not("contains a control character");
            }
        }
        // The first five colons split the six parts; the resource keeps any further colons.
        int[] colons = new int[PARTS - 1];
        int found = 0;
        for (int at = text.indexOf(':'); at >= 0 && found < colons.length; at = text.indexOf(':', at + 1)) {
            colons[found++] = at;
        }
        if (found < colons.length) {
            return Parsed.not("has " + (found + 1) + " of the 6 colon-separated parts");
        }
        String partition = text.substring(colons[0] + 1, colons[1]);
        if (!isPartition(partition)) {
            return Parsed.not("partition is not aws or aws-<name>");
        }
        String service = text.substring(colons[1] + 1, colons[2]);
        if (!isService(service)) {
            return Parsed.not("service is not a service namespace");
        }
        String resource = text.substring(colons[4] + 1);
        if (resource.isEmpty()) {
            return Parsed.not("resource is empty");
        }
        String region = text.substring(colons[2] + 1, colons[3]);
        String account = text.substring(colons[3] + 1, colons[4]);
        return new Parsed(
                new Arn(
                        text,
                        partition,
                        service,
                        isRegionCode(region) ? region : null,
                        isAccountId(account) ? account : null,
                        resource),
                null);
    }

    /** True for region codes such as {@code us-east-1}, {@code eu-west-2}, {@code us-gov-west-1}. */
    public static boolean isRegionCode(String text) {
        // [a-z]{2,4}(-[a-z]+)+-\d{1,2}: a 2-4 letter head, one or more letter segments, a 1-2 digit tail.
        if (text == null) {
            return false;
        }
        int head = letters(text, 0);
        if (head < 2 || head > 4) {
            return false;
        }
        int at = head;
        int segments = 0;
        while (at < text.length() && text.charAt(at) == '-') {
            int run = letters(text, at + 1);
            if (run == 0) {
                break;
            }
            segments++;
            at += 1 + run;
        }
        if (segments == 0 || at >= text.length() || text.charAt(at) != '-') {
            return false;
        }
        int tail = digits(text, at + 1);
        return (tail == 1 || tail == 2) && at + 1 + tail == text.length();
    }

    /** True for 12-digit account ids. */
    public static boolean isAccountId(String text) {
        return text != null && text.length() == ACCOUNT_DIGITS && digits(text, 0) == ACCOUNT_DIGITS;
    }

    /** aws(-[a-z0-9]+)*: {@code aws}, then segments of lower-case letters and digits, each after one hyphen. */
    private static boolean isPartition(String text) {
        if (!text.startsWith("aws")) {
            return false;
        }
        int at = "aws".length();
        while (at < text.length()) {
            if (text.charAt(at) != '-') {
                return false;
            }
            int start = ++at;
            while (at < text.length() && isLowerOrDigit(text.charAt(at))) {
                at++;
            }
            if (at == start) {
                return false;
            }
        }
        return true;
    }

    /** [a-z0-9][a-z0-9-]*. */
    private static boolean isService(String text) {
        if (text.isEmpty() || !isLowerOrDigit(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '-' && !isLowerOrDigit(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    /** How many ASCII lower-case letters start at {@code from}. */
    private static int letters(String text, int from) {
        int at = from;
        while (at < text.length() && text.charAt(at) >= 'a' && text.charAt(at) <= 'z') {
            at++;
        }
        return at - from;
    }

    /** How many ASCII digits start at {@code from}. */
    private static int digits(String text, int from) {
        int at = from;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at - from;
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
