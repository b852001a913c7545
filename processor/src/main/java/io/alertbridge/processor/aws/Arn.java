package io.alertbridge.processor.aws;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An Amazon Resource Name: {@code arn:partition:service:region:account:resource}. The region and account are kept
 * only when they are real codes (a documentation placeholder such as {@code REGION} is not a region). Regions come
 * from here, never from display names such as "EU (London)".
 *
 * @param text the ARN as given
 * @param partition {@code aws}, {@code aws-cn}, {@code aws-us-gov}, ...
 * @param service e.g. {@code cloudwatch}
 * @param region the region code, or null (global resources, placeholders)
 * @param account the 12-digit account id, or null
 * @param resource everything after the account, e.g. {@code alarm:ServerCpuTooHigh}
 */
public record Arn(String text, String partition, String service, String region, String account, String resource) {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    /** The ARN, or empty when the text is not one. */
    public static Optional<Arn> parse(String text) {
        if (text == null || !text.startsWith("arn:")) {
            return Optional.empty();
        }
        String[] parts = text.split(":", 6);
        if (parts.length < 6 || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Arn(
                text,
                parts[1],
                parts[2],
                isRegionCode(parts[3]) ? parts[3] : null,
                isAccountId(parts[4]) ? parts[4] : null,
                parts[5]));
    }

    /** True for region codes such as {@code us-east-1}, {@code eu-west-2}, {@code us-gov-west-1}. */
    public static boolean isRegionCode(String text) {
        return text != null && REGION.matcher(text).matches();
    }

    /** True for 12-digit account ids. */
    public static boolean isAccountId(String text) {
        return text != null && ACCOUNT.matcher(text).matches();
    }

    /** The region of the ARN in text, if it is an ARN with a real region code. */
    public static Optional<String> regionOf(String text) {
        return parse(text).map(Arn::region);
    }

    /** The last part of the resource: {@code ServerCpuTooHigh} of {@code alarm:ServerCpuTooHigh}. */
    public String resourceName() {
        int cut = Math.max(resource.lastIndexOf(':'), resource.lastIndexOf('/'));
        return cut < 0 ? resource : resource.substring(cut + 1);
    }
}
