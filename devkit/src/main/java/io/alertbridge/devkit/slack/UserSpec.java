package io.alertbridge.devkit.slack;

import java.util.Objects;

/**
 * A person in a {@link LocalSlackWorkspace}.
 *
 * @param name the handle ({@code alice}), unique in the workspace
 * @param realName the full name shown on messages
 * @param email the e-mail address that {@code users.lookupByEmail} finds (compared ignoring case)
 */
public record UserSpec(String name, String realName, String email) {

    public UserSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(realName, "realName");
        Objects.requireNonNull(email, "email");
    }
}
