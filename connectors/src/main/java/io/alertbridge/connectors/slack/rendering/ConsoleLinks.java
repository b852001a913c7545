package io.alertbridge.connectors.slack.rendering;

import io.alertbridge.schemas.aws.Arn;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.Link;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Links to the AWS console for a member alert, and the account and region an ARN names.
 *
 * <p>A member's own links (copied by the processor from its latest event) win; otherwise a link is derived from
 * the member's fingerprint when it is the ARN of a CloudWatch alarm, a CodePipeline pipeline or a CodeBuild
 * project or build. Region codes come from the ARN, never from display names. Stateless and thread-safe.
 */
final class ConsoleLinks {

    private ConsoleLinks() {}

    /** The member's console link: its own first link, else one derived from its ARN fingerprint. */
    static Optional<Link> forMember(IncidentMember member) {
        if (!member.links().isEmpty()) {
            return Optional.of(member.links().get(0));
        }
        return Arn.parse(member.fingerprint()).toOptional().flatMap(ConsoleLinks::forArn);
    }

    /**
     * A console link for an ARN of a service this knows, on the standard {@code aws} partition, in a real region (a
     * global, placeholder or wildcard region has no console page).
     */
    static Optional<Link> forArn(Arn arn) {
        if (!arn.partition().equals("aws") || arn.region() == null) {
            return Optional.empty();
        }
        String base = "https://" + arn.region() + ".console.aws.amazon.com/";
        String region = "region=" + arn.region();
        String resource = arn.resource();
        switch (arn.service()) {
            case "cloudwatch":
                if (resource.startsWith("alarm:")) {
                    String name = encode(resource.substring("alarm:".length()));
                    return link("CloudWatch alarm", base + "cloudwatch/home?" + region + "#alarmsV2:alarm/" + name);
                }
                return Optional.empty();
            case "codepipeline":
                return link(
                        "CodePipeline",
                        base + "codesuite/codepipeline/pipelines/" + encode(resource) + "/view?" + region);
            case "codebuild":
                if (resource.startsWith("project/")) {
                    String project = encode(resource.substring("project/".length()));
                    return link(
                            "CodeBuild project",
                            base + "codesuite/codebuild/projects/" + project + "/history?" + region);
                }
                if (resource.startsWith("build/") && arn.account() != null) {
                    String build = resource.substring("build/".length());
                    String project = encode(build.contains(":") ? build.substring(0, build.indexOf(':')) : build);
                    return link(
                            "CodeBuild build",
                            base + "codesuite/codebuild/" + arn.account() + "/projects/" + project + "/build/"
                                    + encode(build) + "/?" + region);
                }
                return Optional.empty();
            default:
                return Optional.empty();
        }
    }

    private static Optional<Link> link(String title, String url) {
        return Optional.of(new Link(title, url));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
