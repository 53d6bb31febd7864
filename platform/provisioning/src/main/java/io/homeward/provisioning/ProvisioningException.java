package io.homeward.provisioning;

/**
 * A feature operation was refused or failed and has been rolled back. The message is one or a few
 * readable lines meant for the operator (no stack trace needed to understand it).
 */
public class ProvisioningException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message the readable reason, never null */
    public ProvisioningException(String message) {
        super(message);
    }

    /**
     * @param message the readable reason, never null
     * @param cause   the underlying failure, kept for the log
     */
    public ProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
