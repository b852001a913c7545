package io.alertbridge.processor.aws;

/**
 * A message has a recognised shape but a field is missing or of the wrong kind. Thrown inside the parsers and
 * turned into {@link Normalized.Unreadable} at the entry point; it never leaves this package's public methods.
 */
public final class MalformedMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
