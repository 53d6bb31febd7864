package io.homeward.casemodel.referral;

/** Where a referral stands with the police agency. A referral moves forward one step at a time, never back. */
public enum ReferralStatus {
    /** The pack went to the agency. */
    SENT,
    /** The agency confirmed it received the pack. */
    ACKNOWLEDGED,
    /** The agency acted on it (e.g. issued the notice, opened an investigation). */
    ACTED_ON;

    /** @return the status that follows this one, or null after {@link #ACTED_ON} */
    public ReferralStatus next() {
        return this == ACTED_ON ? null : values()[ordinal() + 1];
    }
}
