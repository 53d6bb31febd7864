package io.homeward.casemodel.exchange;

/**
 * A package the receiver refuses; nothing of it is stored. The message names what is wrong, for the sender's
 * operators, and quotes no personal data.
 */
public class PackageRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a package is refused. */
    public enum Reason {
        /** Not JSON, not of a known format version, or a required member missing or wrong. */
        MALFORMED,
        /** The sender is not a configured partner of this deployment. */
        UNKNOWN_PARTNER,
        /** The signature does not verify with the partner's key: changed in transit, or not signed by the partner. */
        BAD_SIGNATURE,
        /** Well formed and authentic, but no case can be opened from it (unknown target center, invalid content). */
        REJECTED,
        /**
         * Addressed to another deployment (its {@code recipient} is not this deployment's id), or this deployment has
         * no id to be addressed by: a package signed for one partner is not accepted by another.
         */
        WRONG_RECIPIENT
    }

    private final Reason reason;

    public PackageRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** @return never null */
    public Reason reason() {
        return reason;
    }
}
