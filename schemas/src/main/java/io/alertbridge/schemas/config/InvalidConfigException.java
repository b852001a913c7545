package io.alertbridge.schemas.config;

/**
 * The configuration cannot be used; the message names the key and where it came from (file or variable). An
 * {@link IllegalArgumentException}, as the launcher reports those as a bad setting rather than a crash.
 */
public final class InvalidConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String message) {
        super(message);
    }

    public InvalidConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
